using Npgsql;

namespace FederationKit.RoutingScale;

/// <summary>Seeds the FederationKit tables with generate_series: directories with an active SAML profile (default sign-in settings), and per domain a verified claim and a link.</summary>
internal static class Seed
{
    public static async Task RunAsync(string connectionString, int domains, int directories)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var statements = new[]
        {
            $$"""
            INSERT INTO fk_directories ("Id", "OwnerKind", "OwnerId", "Name", "NameKey", "IdentityType", "IsDefault", "IsEncrypted", "IsBeingDeleted", "CreatedAtUnixMs", "Version")
            SELECT md5('d' || d)::uuid, 2, md5('o' || d)::uuid, 'Staff', 'STAFF', 2, false, false, false, 0, 1 FROM generate_series(0, {{directories - 1}}) d
            """,
            $$"""
            INSERT INTO fk_idp_profiles ("Id", "DirectoryId", "OwnerKind", "OwnerId", "Name", "Protocol", "SettingsJson", "IsActive", "CreatedAtUnixMs", "Version")
            SELECT md5('p' || d)::uuid, md5('d' || d)::uuid, 2, md5('o' || d)::uuid, 'Okta', 1, '{}', true, 0, 1 FROM generate_series(0, {{directories - 1}}) d
            """,
            $$"""
            INSERT INTO fk_domain_claims ("Id", "OwnerKind", "OwnerId", "Domain", "VerifiedDomain", "State", "CreatedAtUnixMs", "VerificationDeadlineUnixMs", "VerifiedAtUnixMs", "ConsecutiveLookupFailures", "IsAtRisk", "NextCheckAtUnixMs", "Version")
            SELECT md5('c' || i)::uuid, 2, md5('o' || (i % {{directories}}))::uuid, 'tenant' || i || '.example' || (i % 97) || '.com', 'tenant' || i || '.example' || (i % 97) || '.com', 2, 0, 0, 0, 0, false, 4102444800000, 1
            FROM generate_series(0, {{domains - 1}}) i
            """,
            $$"""
            INSERT INTO fk_domain_links ("Domain", "OwnerKind", "OwnerId", "DirectoryId", "LinkedAtUnixMs", "Version")
            SELECT 'tenant' || i || '.example' || (i % 97) || '.com', 2, md5('o' || (i % {{directories}}))::uuid, md5('d' || (i % {{directories}}))::uuid, 0, 1
            FROM generate_series(0, {{domains - 1}}) i
            """,
            "ANALYZE",
        };
        foreach (var sql in statements)
        {
            await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 600 };
            await command.ExecuteNonQueryAsync();
        }
    }
}
