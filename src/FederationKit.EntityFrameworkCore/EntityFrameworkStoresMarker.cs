namespace FederationKit.EntityFrameworkCore;

/// <summary>Anchors the FederationKit.EntityFrameworkCore assembly until its stores land.</summary>
public static class EntityFrameworkStoresMarker
{
    /// <summary>The package's name.</summary>
    public const string PackageName = "FederationKit.EntityFrameworkCore";
}
