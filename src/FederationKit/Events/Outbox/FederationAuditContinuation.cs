using System.Buffers.Text;
using System.Globalization;
using System.Text;
using FederationKit.Organizations;

namespace FederationKit.Events.Outbox;

/// <summary>
/// The position an audit page ends at (occurred-at in Unix milliseconds, then sequence), as an opaque token bound to the owner;
/// shared by every outbox implementation so their tokens mean the same.
/// </summary>
internal static class FederationAuditContinuation
{
    private const string Prefix = "a1";

    public static string Create(OwnerRef owner, long occurredAtUnixMs, long sequence) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(string.Join('|', Prefix, owner.ToString(), occurredAtUnixMs.ToString(CultureInfo.InvariantCulture), sequence.ToString(CultureInfo.InvariantCulture))));

    /// <summary>Checks the query; on success the position after which the page starts (null for the first page).</summary>
    public static Result<(long OccurredAtUnixMs, long Sequence)?> Read(OwnerRef owner, FederationAuditQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.PageSize is < 1 or > FederationAuditQuery.MaxPageSize)
        {
            return new FederationError(OutboxErrorCodes.AuditQueryInvalid, $"The audit page size must be between 1 and {FederationAuditQuery.MaxPageSize}.");
        }

        if (query.From is { } from && query.To is { } to && to < from)
        {
            return new FederationError(OutboxErrorCodes.AuditQueryInvalid, "The audit range ends before it starts.");
        }

        if (query.ContinuationToken is null)
        {
            return Result<(long, long)?>.Success(null);
        }

        var invalid = new FederationError(OutboxErrorCodes.ContinuationInvalid, "The continuation token is malformed or belongs to another owner's audit trail; start again from the first page.");
        if (query.ContinuationToken.Length > 200)
        {
            return invalid;
        }

        string text;
        try
        {
            text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(query.ContinuationToken));
        }
        catch (FormatException)
        {
            return invalid;
        }

        var parts = text.Split('|');
        if (parts.Length != 4 || parts[0] != Prefix || parts[1] != owner.ToString()
            || !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var at)
            || !long.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
        {
            return invalid;
        }

        return Result<(long, long)?>.Success((at, sequence));
    }
}
