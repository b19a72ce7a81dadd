namespace FederationKit.EntityFrameworkCore.Model;

/// <summary>The table row of a one-time entry; (Purpose, Key) is the primary key, EntryId identifies this insertion.</summary>
internal sealed class OneTimeEntryRow
{
    public string Purpose { get; set; } = string.Empty;

    public string Key { get; set; } = string.Empty;

    public Guid EntryId { get; set; }

    public byte[] Value { get; set; } = [];

    public long ExpiresAtUnixMs { get; set; }
}
