using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FederationKit.EntityFrameworkCore.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class InitialCreate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "fk_directories",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OwnerKind = table.Column<int>(type: "INTEGER", nullable: false),
                    OwnerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    NameKey = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    IdentityType = table.Column<int>(type: "INTEGER", nullable: false),
                    IsDefault = table.Column<bool>(type: "INTEGER", nullable: false),
                    IsEncrypted = table.Column<bool>(type: "INTEGER", nullable: false),
                    IsBeingDeleted = table.Column<bool>(type: "INTEGER", nullable: false),
                    MemberCount = table.Column<int>(type: "INTEGER", nullable: false),
                    MemberSubjectFormat = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    CreatedAtUnixMs = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_fk_directories", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "fk_domain_links",
                columns: table => new
                {
                    Domain = table.Column<string>(type: "TEXT", maxLength: 253, nullable: false),
                    OwnerKind = table.Column<int>(type: "INTEGER", nullable: false),
                    OwnerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DirectoryId = table.Column<Guid>(type: "TEXT", nullable: false),
                    LinkedAtUnixMs = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_fk_domain_links", x => x.Domain);
                });

            migrationBuilder.CreateTable(
                name: "fk_idp_profiles",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    DirectoryId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OwnerKind = table.Column<int>(type: "INTEGER", nullable: false),
                    OwnerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Protocol = table.Column<int>(type: "INTEGER", nullable: false),
                    SettingsJson = table.Column<string>(type: "TEXT", nullable: false),
                    IsActive = table.Column<bool>(type: "INTEGER", nullable: false),
                    MemberCount = table.Column<int>(type: "INTEGER", nullable: false),
                    LastTestJson = table.Column<string>(type: "TEXT", nullable: true),
                    CreatedAtUnixMs = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_fk_idp_profiles", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "fk_one_time_entries",
                columns: table => new
                {
                    Purpose = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    EntryId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Value = table.Column<byte[]>(type: "BLOB", nullable: false),
                    ExpiresAtUnixMs = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_fk_one_time_entries", x => new { x.Purpose, x.Key });
                });

            migrationBuilder.CreateTable(
                name: "fk_organizations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    ParentId = table.Column<Guid>(type: "TEXT", nullable: true),
                    MembersJson = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAtUnixMs = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_fk_organizations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "fk_parent_organizations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    AdministratorsJson = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAtUnixMs = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_fk_parent_organizations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "fk_secrets",
                columns: table => new
                {
                    Reference = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Purpose = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    ProtectedValue = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_fk_secrets", x => x.Reference);
                });

            migrationBuilder.CreateTable(
                name: "fk_trust_requests",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    DirectoryId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DirectoryOwnerKind = table.Column<int>(type: "INTEGER", nullable: false),
                    DirectoryOwnerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TrusteeOrganizationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RequesterUserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RequesterName = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    RequesterEmail = table.Column<string>(type: "TEXT", maxLength: 320, nullable: false),
                    RequesterOrganizationName = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    Domain = table.Column<string>(type: "TEXT", maxLength: 253, nullable: false),
                    State = table.Column<int>(type: "INTEGER", nullable: false),
                    RequestedAtUnixMs = table.Column<long>(type: "INTEGER", nullable: false),
                    LastSentAtUnixMs = table.Column<long>(type: "INTEGER", nullable: false),
                    ResendCount = table.Column<int>(type: "INTEGER", nullable: false),
                    DecidedAtUnixMs = table.Column<long>(type: "INTEGER", nullable: true),
                    RejectionReason = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: true),
                    TrusteeUsersJson = table.Column<string>(type: "TEXT", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_fk_trust_requests", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "ux_fk_directories_owner_name",
                table: "fk_directories",
                columns: new[] { "OwnerKind", "OwnerId", "NameKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_fk_domain_links_DirectoryId",
                table: "fk_domain_links",
                column: "DirectoryId");

            migrationBuilder.CreateIndex(
                name: "IX_fk_idp_profiles_DirectoryId",
                table: "fk_idp_profiles",
                column: "DirectoryId");

            migrationBuilder.CreateIndex(
                name: "ux_fk_idp_profiles_active_oidc_per_owner",
                table: "fk_idp_profiles",
                columns: new[] { "OwnerKind", "OwnerId" },
                unique: true,
                filter: "\"IsActive\" AND \"Protocol\" = 2");

            migrationBuilder.CreateIndex(
                name: "ux_fk_idp_profiles_active_per_directory",
                table: "fk_idp_profiles",
                column: "DirectoryId",
                unique: true,
                filter: "\"IsActive\"");

            migrationBuilder.CreateIndex(
                name: "IX_fk_one_time_entries_ExpiresAtUnixMs",
                table: "fk_one_time_entries",
                column: "ExpiresAtUnixMs");

            migrationBuilder.CreateIndex(
                name: "IX_fk_organizations_ParentId",
                table: "fk_organizations",
                column: "ParentId");

            migrationBuilder.CreateIndex(
                name: "IX_fk_trust_requests_DirectoryId",
                table: "fk_trust_requests",
                column: "DirectoryId");

            migrationBuilder.CreateIndex(
                name: "IX_fk_trust_requests_TrusteeOrganizationId",
                table: "fk_trust_requests",
                column: "TrusteeOrganizationId");

            migrationBuilder.CreateIndex(
                name: "ux_fk_trust_requests_open_per_directory_trustee",
                table: "fk_trust_requests",
                columns: new[] { "DirectoryId", "TrusteeOrganizationId" },
                unique: true,
                filter: "\"State\" IN (1, 2)");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "fk_directories");

            migrationBuilder.DropTable(
                name: "fk_domain_links");

            migrationBuilder.DropTable(
                name: "fk_idp_profiles");

            migrationBuilder.DropTable(
                name: "fk_one_time_entries");

            migrationBuilder.DropTable(
                name: "fk_organizations");

            migrationBuilder.DropTable(
                name: "fk_parent_organizations");

            migrationBuilder.DropTable(
                name: "fk_secrets");

            migrationBuilder.DropTable(
                name: "fk_trust_requests");
        }
    }
}
