namespace FederationKit;

/// <summary>
/// Why an operation refused what a user, an administrator or an identity provider sent.
/// The <see cref="Code"/> is stable and documented in docs/errors.md; the <see cref="Message"/> is for developers and may change.
/// </summary>
/// <param name="Code">A stable, dotted, lower-case code such as <c>domain.public_suffix</c>. Codes are never reused.</param>
/// <param name="Message">A message a developer can act on. It never contains secrets, tokens or whole assertions.</param>
public sealed record FederationError(string Code, string Message)
{
    /// <summary>Structured facts about the refusal (for example the offending emails), keyed by name.</summary>
    public IReadOnlyDictionary<string, string> Details { get; init; } = EmptyDetails;

    private static readonly IReadOnlyDictionary<string, string> EmptyDetails = new Dictionary<string, string>();

    /// <summary>Returns a copy of this error with one more detail.</summary>
    /// <param name="key">The detail's name.</param>
    /// <param name="value">The detail's value.</param>
    public FederationError WithDetail(string key, string value)
    {
        var details = new Dictionary<string, string>(Details, StringComparer.Ordinal) { [key] = value };
        return this with { Details = details };
    }

    /// <inheritdoc />
    public override string ToString() => $"{Code}: {Message}";
}
