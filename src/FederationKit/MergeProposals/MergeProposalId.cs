namespace FederationKit.MergeProposals;

/// <summary>Identifies a merge proposal.</summary>
/// <param name="Value">The underlying identifier.</param>
public readonly record struct MergeProposalId(Guid Value)
{
    /// <summary>Creates a new random identifier.</summary>
    public static MergeProposalId New() => new(Guid.NewGuid());

    /// <inheritdoc />
    public override string ToString() => Value.ToString("D");
}
