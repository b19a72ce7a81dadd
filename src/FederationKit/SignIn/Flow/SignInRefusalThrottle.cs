using System.Collections.Concurrent;
using FederationKit.Directories;

namespace FederationKit.SignIn.Flow;

/// <summary>
/// Bounds the <see cref="Events.SignInRefused"/> events of one IdP profile to <see cref="PerMinute"/> a minute: anyone can post
/// responses to a profile's endpoint, and each refusal would otherwise be a stored event (filling the outbox and the audit
/// trail). Refusals beyond the bound are counted and reported on the profile's next event. Keys are profiles that exist, so
/// the table stays as small as the profile list.
/// </summary>
internal sealed class SignInRefusalThrottle(TimeProvider time)
{
    /// <summary>Refusal events per profile and minute.</summary>
    public const int PerMinute = 20;

    private readonly ConcurrentDictionary<IdpProfileId, Window> _windows = new();

    /// <summary>Whether to raise an event now; when true, <paramref name="unreported"/> holds the refusals left out since the last one.</summary>
    public bool TryRaise(IdpProfileId profile, out int unreported)
    {
        var now = time.GetUtcNow();
        var window = _windows.GetOrAdd(profile, _ => new Window());
        lock (window)
        {
            if (now - window.Start >= TimeSpan.FromMinutes(1))
            {
                window.Start = now;
                window.Raised = 0;
            }

            if (window.Raised >= PerMinute)
            {
                window.Unreported++;
                unreported = 0;
                return false;
            }

            window.Raised++;
            unreported = window.Unreported;
            window.Unreported = 0;
            return true;
        }
    }

    private sealed class Window
    {
        public DateTimeOffset Start { get; set; } = DateTimeOffset.MinValue;

        public int Raised { get; set; }

        public int Unreported { get; set; }
    }
}
