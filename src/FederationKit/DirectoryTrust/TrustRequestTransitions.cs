using FederationKit.Directories;
using FederationKit.Organizations;

namespace FederationKit.DirectoryTrust;

/// <summary>
/// The trust request state machine, pure: pending → accepted, rejected or cancelled (resent while pending, rate-limited);
/// accepted → revoked or withdrawn; users are recorded on an accepted trust. Each transition returns the changed request or
/// the refusal; storing it is the caller's job.
/// </summary>
internal static class TrustRequestTransitions
{
    /// <summary>A new pending request.</summary>
    public static TrustRequest Request(DirectoryId directoryId, OwnerRef directoryOwner, OrganizationId trustee, TrustRequester requester, string domain, DateTimeOffset now) => new()
    {
        Id = TrustRequestId.New(),
        DirectoryId = directoryId,
        DirectoryOwner = directoryOwner,
        TrusteeOrganizationId = trustee,
        Requester = requester,
        Domain = domain,
        RequestedAt = now,
        LastSentAt = now,
    };

    /// <summary>A pending request sent again; refused when it was sent too recently or too often.</summary>
    public static Result<TrustRequest> Resend(TrustRequest request, DateTimeOffset now, DirectoryTrustOptions options)
    {
        if (request.State != TrustRequestState.Pending)
        {
            return NotPending(request);
        }

        var earliest = request.LastSentAt + options.MinimumResendInterval;
        if (now < earliest || request.ResendCount >= options.MaximumResends)
        {
            var error = new FederationError(TrustErrorCodes.ResendTooSoon, "The request was sent too recently or too often.");
            return request.ResendCount >= options.MaximumResends ? error : error.WithDetail("retryAfter", earliest.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        }

        return request with { LastSentAt = now, ResendCount = request.ResendCount + 1 };
    }

    /// <summary>A pending request cancelled by the requester's side.</summary>
    public static Result<TrustRequest> Cancel(TrustRequest request, DateTimeOffset now) =>
        request.State != TrustRequestState.Pending ? NotPending(request) : request with { State = TrustRequestState.Cancelled, DecidedAt = now };

    /// <summary>A request withdrawn right after it was stored, because its directory is being deleted.</summary>
    public static TrustRequest CancelForDeletedDirectory(TrustRequest request, DateTimeOffset now) =>
        request with { State = TrustRequestState.Cancelled, DecidedAt = now };

    /// <summary>A pending request accepted by the directory owner's side.</summary>
    public static Result<TrustRequest> Accept(TrustRequest request, DateTimeOffset now) =>
        request.State != TrustRequestState.Pending ? NotPending(request) : request with { State = TrustRequestState.Accepted, DecidedAt = now };

    /// <summary>A pending request rejected by the directory owner's side, with the reason the requester sees.</summary>
    public static Result<TrustRequest> Reject(TrustRequest request, string reason, DateTimeOffset now) =>
        request.State != TrustRequestState.Pending ? NotPending(request) : request with { State = TrustRequestState.Rejected, RejectionReason = reason, DecidedAt = now };

    /// <summary>An accepted trust ended: <see cref="TrustRequestState.Revoked"/> by the owner or <see cref="TrustRequestState.Withdrawn"/> by the trustee.</summary>
    public static Result<TrustRequest> End(TrustRequest request, TrustRequestState state, DateTimeOffset now) =>
        request.State != TrustRequestState.Accepted ? NotAccepted(request) : request with { State = state, DecidedAt = now };

    /// <summary>A user recorded on an accepted trust (before the membership is written, so an end of the trust removes it).</summary>
    public static Result<TrustRequest> RecordTrusteeUser(TrustRequest request, UserId userId, string email, DateTimeOffset now)
    {
        if (request.State != TrustRequestState.Accepted)
        {
            return NotAccepted(request);
        }

        return request.TrusteeUsers.Exists(u => u.UserId == userId)
            ? new FederationError(TrustErrorCodes.UserAlreadyMember, "The user was already added under this trust.")
            : request with { TrusteeUsers = request.TrusteeUsers.Add(new TrusteeUser(userId, email, now)) };
    }

    /// <summary>The request without <paramref name="userId"/> recorded, or null when it was not recorded.</summary>
    public static TrustRequest? ForgetTrusteeUser(TrustRequest request, UserId userId) =>
        request.TrusteeUsers.Exists(u => u.UserId == userId) ? request with { TrusteeUsers = request.TrusteeUsers.RemoveAll(u => u.UserId == userId) } : null;

    /// <summary>The refusal for a request that is not pending.</summary>
    public static FederationError NotPending(TrustRequest request) =>
        new FederationError(TrustErrorCodes.NotPending, $"The request is {request.State}, not pending.").WithDetail("state", request.State.ToString());

    /// <summary>The refusal for a trust that is not accepted.</summary>
    public static FederationError NotAccepted(TrustRequest request) =>
        new FederationError(TrustErrorCodes.NotAccepted, $"The trust is {request.State}, not accepted.").WithDetail("state", request.State.ToString());
}
