namespace FederationKit.SignIn;

/// <summary>Settings of sign-in routing and just-in-time provisioning.</summary>
public sealed class SignInOptions
{
    /// <summary>
    /// Break-glass accounts: emails (compared case-insensitively) that keep the product's own login even when SSO is enforced
    /// for their domain, so an IdP outage cannot lock an organization out. Keep it short (e.g. the initial owner).
    /// </summary>
    public ISet<string> BreakGlassEmails { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>How many usernames are tried (base, then digits appended) before giving up. Default 1000.</summary>
    public int MaxUsernameAttempts { get; set; } = 1000;

    /// <summary>How many times a write that lost an optimistic-concurrency race is retried. Default 16.</summary>
    public int MaxConcurrencyRetries { get; set; } = 16;

    /// <summary>Checks every setting and throws <see cref="ArgumentException"/> naming the first bad one.</summary>
    public void Validate()
    {
        if (MaxUsernameAttempts < 1)
        {
            throw new ArgumentException("SignIn.MaxUsernameAttempts must be at least 1.", nameof(MaxUsernameAttempts));
        }

        if (MaxConcurrencyRetries < 1)
        {
            throw new ArgumentException("SignIn.MaxConcurrencyRetries must be at least 1.", nameof(MaxConcurrencyRetries));
        }

        foreach (var email in BreakGlassEmails)
        {
            if (Routing.EmailDomain.TryGetDomain(email) is null)
            {
                throw new ArgumentException($"SignIn.BreakGlassEmails contains an invalid email '{email}'.", nameof(BreakGlassEmails));
            }
        }
    }
}
