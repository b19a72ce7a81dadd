using System.Collections.Immutable;
using System.Text.Json;
using FederationKit.DirectoryTrust;
using FederationKit.Organizations;

namespace FederationKit.EntityFrameworkCore.Model;

/// <summary>The JSON shape of one trustee user in a trust request row, and the conversion to and from the domain.</summary>
internal sealed record TrusteeUserDocument(Guid UserId, string Email, long AddedAtUnixMs)
{
    public static string Serialize(ImmutableList<TrusteeUser> users) =>
        JsonSerializer.Serialize(users.Select(u => new TrusteeUserDocument(u.UserId.Value, u.Email, u.AddedAt.ToUnixTimeMilliseconds())).ToList());

    public static ImmutableList<TrusteeUser> Deserialize(string json) =>
        (JsonSerializer.Deserialize<List<TrusteeUserDocument>>(json) ?? [])
            .Select(d => new TrusteeUser(new UserId(d.UserId), d.Email, DateTimeOffset.FromUnixTimeMilliseconds(d.AddedAtUnixMs)))
            .ToImmutableList();
}
