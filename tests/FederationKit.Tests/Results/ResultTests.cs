namespace FederationKit.Tests.Results;

public class ResultTests
{
    private static readonly FederationError SomeError = new("test.some_error", "Something was refused.");

    [Test]
    public void Value_OfFailure_ThrowsNamingTheCode()
    {
        Result<int> result = SomeError;

        var ex = Assert.Throws<InvalidOperationException>(() => _ = result.Value);
        Assert.That(ex!.Message, Does.Contain("test.some_error"));
    }

    [Test]
    public void Error_OfSuccess_Throws()
    {
        Result<int> result = 42;

        Assert.That(result.IsSuccess, Is.True);
        Assert.That(result.Value, Is.EqualTo(42));
        Assert.Throws<InvalidOperationException>(() => _ = result.Error);
    }

    [Test]
    public void WithDetail_KeepsEarlierDetails()
    {
        var error = SomeError.WithDetail("a", "1").WithDetail("b", "2");

        Assert.That(error.Details, Is.EquivalentTo(new Dictionary<string, string> { ["a"] = "1", ["b"] = "2" }));
        Assert.That(SomeError.Details, Is.Empty);
    }
}
