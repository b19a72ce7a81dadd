using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FederationKit.EntityFrameworkCore.PostgreSql.Migrations
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
                    OrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    Role = table.Column<int>(type: "integer", nullable: false),
                    RoleFromAdminMapping = table.Column<bool>(type: "boolean", nullable: false),
                    Email = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    EmailDomain = table.Column<string>(type: "character varying(253)", maxLength: 253, nullable: false),
                    Username = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    UsernameKey = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    UserType = table.Column<int>(type: "integer", nullable: false),
                    DirectoryId = table.Column<Guid>(type: "uuid", nullable: true),
                    GroupsJson = table.Column<string>(type: "text", nullable: false),
                    SettingsJson = table.Column<string>(type: "text", nullable: false),
                    GivenName = table.Column<string>(type: "text", nullable: true),
                    FamilyName = table.Column<string>(type: "text", nullable: true),
                    JoinedAtUnixMs = table.Column<long>(type: "bigint", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
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
                       CASE WHEN position('@' in e.email) > 0 THEN lower(substring(e.email from position('@' in e.email) + 1)) ELSE '' END,
                       p."Username", p."UsernameKey", coalesce(p."UserType", 1), p."DirectoryId",
                       coalesce(p."GroupsJson", '[]'), coalesce(p."SettingsJson", '{}'), p."GivenName", p."FamilyName",
                       coalesce(p."JoinedAtUnixMs", o."CreatedAtUnixMs"), 1
                FROM "fk_organizations" AS o
                CROSS JOIN LATERAL jsonb_array_elements(o."MembersJson"::jsonb) AS m(value)
                LEFT JOIN "fk_member_profiles" AS p ON p."OrganizationId" = o."Id" AND p."UserId" = (m.value ->> 'UserId')::uuid
                CROSS JOIN LATERAL (
                    SELECT (m.value ->> 'UserId')::uuid AS user_id,
                           (m.value ->> 'Role')::integer AS role,
                           coalesce((m.value ->> 'RoleFromAdminMapping')::boolean, false) AS from_mapping,
                           coalesce(nullif(m.value ->> 'Email', ''), p."Email", '') AS email
                ) AS e;
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
                type: "text",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.CreateTable(
                name: "fk_member_profiles",
                columns: table => new
                {
                    OrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    DirectoryId = table.Column<Guid>(type: "uuid", nullable: false),
                    Email = table.Column<string>(type: "text", nullable: false),
                    FamilyName = table.Column<string>(type: "text", nullable: true),
                    GivenName = table.Column<string>(type: "text", nullable: true),
                    GroupsJson = table.Column<string>(type: "text", nullable: false),
                    JoinedAtUnixMs = table.Column<long>(type: "bigint", nullable: false),
                    SettingsJson = table.Column<string>(type: "text", nullable: false),
                    UserType = table.Column<int>(type: "integer", nullable: false),
                    Username = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    UsernameKey = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
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
