using FederationKit.Organizations;

namespace FederationKit.EntityFrameworkCore.Stores;

/// <summary>Converts an <see cref="OwnerRef"/> to and from its two columns (kind, id).</summary>
internal static class OwnerColumns
{
    public static OwnerRef ToOwner(int kind, Guid id) => new((OwnerKind)kind, id);
}
