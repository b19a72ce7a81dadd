using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FederationKit.EntityFrameworkCore.Model;

/// <summary>
/// Maps <see cref="EventOutboxRow"/> to table <c>fk_event_outbox</c>: the sequence is a database-generated key (append order),
/// the event ID is unique, (state, aggregate, sequence) finds each aggregate's earliest pending entry, and (owner, occurred at,
/// sequence) serves the audit query page by page.
/// </summary>
internal sealed class EventOutboxRowConfiguration : IEntityTypeConfiguration<EventOutboxRow>
{
    public void Configure(EntityTypeBuilder<EventOutboxRow> builder)
    {
        builder.ToTable("fk_event_outbox");
        builder.HasKey(r => r.Sequence);
        builder.Property(r => r.Sequence).ValueGeneratedOnAdd();
        builder.Property(r => r.TypeName).IsRequired().HasMaxLength(100);
        builder.Property(r => r.EventType).IsRequired().HasMaxLength(100);
        builder.Property(r => r.Payload).IsRequired();
        builder.Property(r => r.AggregateKey).IsRequired().HasMaxLength(200);
        builder.Property(r => r.ActorId).IsRequired().HasMaxLength(100);
        builder.Property(r => r.CorrelationId).HasMaxLength(100);
        builder.Property(r => r.LastErrorCode).HasMaxLength(100);
        builder.HasIndex(r => r.EventId).IsUnique();
        builder.HasIndex(r => new { r.State, r.AggregateKey, r.Sequence });
        builder.HasIndex(r => new { r.OwnerKind, r.OwnerId, r.OccurredAtUnixMs, r.Sequence });

        // Commit order (see EventOutboxRow.Position): unique once stamped; the audit query pages an owner's rows by it.
        builder.HasIndex(r => r.Position).IsUnique();
        builder.HasIndex(r => new { r.OwnerKind, r.OwnerId, r.Position });
    }
}
