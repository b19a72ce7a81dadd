using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FederationKit.EntityFrameworkCore.Sqlite.Migrations
{
    /// <summary>Members as rows: creates <c>fk_memberships</c>, moves every organization member and member profile into it, then drops the old column and table.</summary>
    public partial class MembersAsRows : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "fk_memberships",
                columns: table => new
                {
                    OrganizationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Role = table.Column<int>(type: "INTEGER", nullable: false),
                    RoleFromAdminMapping = table.Column<bool>(type: "INTEGER", nullable: false),
                    Email = table.Column<string>(type: "TEXT", maxLength: 320, nullable: false),
                    EmailDomain = table.Column<string>(type: "TEXT", maxLength: 253, nullable: false),
                    Username = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    UsernameKey = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    UserType = table.Column<int>(type: "INTEGER", nullable: false),
                    DirectoryId = table.Column<Guid>(type: "TEXT", nullable: true),
                    GroupsJson = table.Column<string>(type: "TEXT", nullable: false),
                    SettingsJson = table.Column<string>(type: "TEXT", nullable: false),
                    GivenName = table.Column<string>(type: "TEXT", nullable: true),
                    FamilyName = table.Column<string>(type: "TEXT", nullable: true),
                    JoinedAtUnixMs = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_fk_memberships", x => new { x.OrganizationId, x.UserId });
                });

            migrationBuilder.CreateIndex(
                name: "IX_fk_memberships_DirectoryId",
                table: "fk_memberships",
                column: "DirectoryId");

            migrationBuilder.CreateIndex(
                name: "IX_fk_memberships_EmailDomain",
                table: "fk_memberships",
                column: "EmailDomain");

            migrationBuilder.CreateIndex(
                name: "IX_fk_memberships_OrganizationId_DirectoryId",
                table: "fk_memberships",
                columns: new[] { "OrganizationId", "DirectoryId" });

            migrationBuilder.CreateIndex(
                name: "IX_fk_memberships_OrganizationId_Role",
                table: "fk_memberships",
                columns: new[] { "OrganizationId", "Role" });

            migrationBuilder.CreateIndex(
                name: "IX_fk_memberships_OrganizationId_UsernameKey",
                table: "fk_memberships",
                columns: new[] { "OrganizationId", "UsernameKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_fk_memberships_UserId",
                table: "fk_memberships",
                column: "UserId");
            // Each member of an organization's MembersJson becomes a row, merged with its member profile (username, user type,
            // directory, groups, settings, names). A profile kept after its member left has no membership and is dropped with
            // its table; a member added by hand keeps no username until it signs in through a directory.
            migrationBuilder.Sql(
                """
                INSERT INTO "fk_memberships" ("OrganizationId", "UserId", "Role", "RoleFromAdminMapping", "Email", "EmailDomain", "Username", "UsernameKey", "UserType", "DirectoryId", "GroupsJson", "SettingsJson", "GivenName", "FamilyName", "JoinedAtUnixMs", "Version")
                SELECT o."Id", e.user_id, e.role, e.from_mapping, e.email,
                       CASE WHEN instr(e.email, '@') > 0 THEN lower(substr(e.email, instr(e.email, '@') + 1)) ELSE '' END,
                       p."Username", p."UsernameKey", coalesce(p."UserType", 1), p."DirectoryId",
                       coalesce(p."GroupsJson", '[]'), coalesce(p."SettingsJson", '{}'), p."GivenName", p."FamilyName",
                       coalesce(p."JoinedAtUnixMs", o."CreatedAtUnixMs"), 1
                FROM "fk_organizations" AS o
                JOIN (
                    SELECT o2."Id" AS organization_id,
                           upper(json_extract(m.value, '$.UserId')) AS user_id,
                           json_extract(m.value, '$.Role') AS role,
                           coalesce(json_extract(m.value, '$.RoleFromAdminMapping'), 0) AS from_mapping,
                           coalesce(nullif(json_extract(m.value, '$.Email'), ''), (
                               SELECT p2."Email" FROM "fk_member_profiles" AS p2
                               WHERE p2."OrganizationId" = o2."Id" AND p2."UserId" = upper(json_extract(m.value, '$.UserId'))), '') AS email
                    FROM "fk_organizations" AS o2, json_each(o2."MembersJson") AS m
                ) AS e ON e.organization_id = o."Id"
                LEFT JOIN "fk_member_profiles" AS p ON p."OrganizationId" = o."Id" AND p."UserId" = e.user_id;
                """);

            migrationBuilder.DropTable(
                name: "fk_member_profiles");

            migrationBuilder.DropColumn(
                name: "MembersJson",
                table: "fk_organizations");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "fk_memberships");

            migrationBuilder.AddColumn<string>(
                name: "MembersJson",
                table: "fk_organizations",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.CreateTable(
                name: "fk_member_profiles",
                columns: table => new
                {
                    OrganizationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DirectoryId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Email = table.Column<string>(type: "TEXT", nullable: false),
                    FamilyName = table.Column<string>(type: "TEXT", nullable: true),
                    GivenName = table.Column<string>(type: "TEXT", nullable: true),
                    GroupsJson = table.Column<string>(type: "TEXT", nullable: false),
                    JoinedAtUnixMs = table.Column<long>(type: "INTEGER", nullable: false),
                    SettingsJson = table.Column<string>(type: "TEXT", nullable: false),
                    UserType = table.Column<int>(type: "INTEGER", nullable: false),
                    Username = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    UsernameKey = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_fk_member_profiles", x => new { x.OrganizationId, x.UserId });
                });

            migrationBuilder.CreateIndex(
                name: "IX_fk_member_profiles_OrganizationId_UsernameKey",
                table: "fk_member_profiles",
                columns: new[] { "OrganizationId", "UsernameKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_fk_member_profiles_UserId",
                table: "fk_member_profiles",
                column: "UserId");
        }
    }
}
