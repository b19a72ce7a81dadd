namespace FederationKit.Directories;

/// <summary>The recorded outcome of testing an IdP profile with a real sign-in.</summary>
/// <param name="Passed">Whether the identity maps to the directory's users the same way as existing members.</param>
/// <param name="TestedAt">When the test ran.</param>
/// <param name="FailureCode">The <see cref="DirectoryErrorCodes"/> code explaining a failed test; null when it passed.</param>
/// <param name="FailureMessage">A developer-facing explanation of a failed test; null when it passed.</param>
public sealed record ProfileTestResult(bool Passed, DateTimeOffset TestedAt, string? FailureCode, string? FailureMessage);
