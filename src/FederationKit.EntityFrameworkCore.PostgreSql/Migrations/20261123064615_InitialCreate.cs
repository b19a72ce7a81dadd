using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FederationKit.EntityFrameworkCore.PostgreSql.Migrations
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OwnerKind = table.Column<int>(type: "integer", nullable: false),
                    OwnerId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    NameKey = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    IdentityType = table.Column<int>(type: "integer", nullable: false),
                    IsDefault = table.Column<bool>(type: "boolean", nullable: false),
                    IsEncrypted = table.Column<bool>(type: "boolean", nullable: false),
                    IsBeingDeleted = table.Column<bool>(type: "boolean", nullable: false),
                    MemberCount = table.Column<int>(type: "integer", nullable: false),
                    MemberSubjectFormat = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    CreatedAtUnixMs = table.Column<long>(type: "bigint", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_fk_directories", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "fk_domain_claims",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OwnerKind = table.Column<int>(type: "integer", nullable: false),
                    OwnerId = table.Column<Guid>(type: "uuid", nullable: false),
                    Domain = table.Column<string>(type: "character varying(253)", maxLength: 253, nullable: false),
                    VerifiedDomain = table.Column<string>(type: "character varying(253)", maxLength: 253, nullable: true),
                    State = table.Column<int>(type: "integer", nullable: false),
                    CreatedAtUnixMs = table.Column<long>(type: "bigint", nullable: false),
                    VerificationDeadlineUnixMs = table.Column<long>(type: "bigint", nullable: false),
                    VerifiedAtUnixMs = table.Column<long>(type: "bigint", nullable: true),
                    LastCheckedAtUnixMs = table.Column<long>(type: "bigint", nullable: true),
                    MissingSinceUnixMs = table.Column<long>(type: "bigint", nullable: true),
                    ConsecutiveLookupFailures = table.Column<int>(type: "integer", nullable: false),
                    IsAtRisk = table.Column<bool>(type: "boolean", nullable: false),
                    NextCheckAtUnixMs = table.Column<long>(type: "bigint", nullable: true),
                    LeaseHolder = table.Column<Guid>(type: "uuid", nullable: true),
                    LeaseExpiresAtUnixMs = table.Column<long>(type: "bigint", nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_fk_domain_claims", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "fk_domain_links",
                columns: table => new
                {
                    Domain = table.Column<string>(type: "character varying(253)", maxLength: 253, nullable: false),
                    OwnerKind = table.Column<int>(type: "integer", nullable: false),
                    OwnerId = table.Column<Guid>(type: "uuid", nullable: false),
                    DirectoryId = table.Column<Guid>(type: "uuid", nullable: false),
                    LinkedAtUnixMs = table.Column<long>(type: "bigint", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_fk_domain_links", x => x.Domain);
                });

            migrationBuilder.CreateTable(
                name: "fk_federated_users",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    DirectoryId = table.Column<Guid>(type: "uuid", nullable: false),
                    Subject = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: false),
                    Email = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    EmailDomain = table.Column<string>(type: "character varying(253)", maxLength: 253, nullable: false),
                    GivenName = table.Column<string>(type: "text", nullable: true),
                    FamilyName = table.Column<string>(type: "text", nullable: true),
                    CreatedAtUnixMs = table.Column<long>(type: "bigint", nullable: false),
                    LastSignInAtUnixMs = table.Column<long>(type: "bigint", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_fk_federated_users", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "fk_idp_profiles",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    DirectoryId = table.Column<Guid>(type: "uuid", nullable: false),
                    OwnerKind = table.Column<int>(type: "integer", nullable: false),
                    OwnerId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Protocol = table.Column<int>(type: "integer", nullable: false),
                    SettingsJson = table.Column<string>(type: "text", nullable: false),
                    IsActive = table.Column<bool>(type: "boolean", nullable: false),
                    MemberCount = table.Column<int>(type: "integer", nullable: false),
                    LastTestJson = table.Column<string>(type: "text", nullable: true),
                    CreatedAtUnixMs = table.Column<long>(type: "bigint", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_fk_idp_profiles", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "fk_member_profiles",
                columns: table => new
                {
                    OrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    DirectoryId = table.Column<Guid>(type: "uuid", nullable: false),
                    Username = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    UsernameKey = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    UserType = table.Column<int>(type: "integer", nullable: false),
                    GroupsJson = table.Column<string>(type: "text", nullable: false),
                    SettingsJson = table.Column<string>(type: "text", nullable: false),
                    Email = table.Column<string>(type: "text", nullable: false),
                    GivenName = table.Column<string>(type: "text", nullable: true),
                    FamilyName = table.Column<string>(type: "text", nullable: true),
                    JoinedAtUnixMs = table.Column<long>(type: "bigint", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_fk_member_profiles", x => new { x.OrganizationId, x.UserId });
                });

            migrationBuilder.CreateTable(
                name: "fk_merge_proposals",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    ActiveOrganizationId = table.Column<Guid>(type: "uuid", nullable: true),
                    ParentId = table.Column<Guid>(type: "uuid", nullable: false),
                    ProposedBy = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedAtUnixMs = table.Column<long>(type: "bigint", nullable: false),
                    ExpiresAtUnixMs = table.Column<long>(type: "bigint", nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    OrganizationApprovedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    ParentApprovedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    DecidedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    DecidedAtUnixMs = table.Column<long>(type: "bigint", nullable: true),
                    RejectionReason = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_fk_merge_proposals", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "fk_one_time_entries",
                columns: table => new
                {
                    Purpose = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    Key = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false),
                    EntryId = table.Column<Guid>(type: "uuid", nullable: false),
                    Value = table.Column<byte[]>(type: "bytea", nullable: false),
                    ExpiresAtUnixMs = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_fk_one_time_entries", x => new { x.Purpose, x.Key });
                });

            migrationBuilder.CreateTable(
                name: "fk_organizations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false),
                    ParentId = table.Column<Guid>(type: "uuid", nullable: true),
                    MembersJson = table.Column<string>(type: "text", nullable: false),
                    CreatedAtUnixMs = table.Column<long>(type: "bigint", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_fk_organizations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "fk_ownership_tokens",
                columns: table => new
                {
                    OwnerKind = table.Column<int>(type: "integer", nullable: false),
                    OwnerId = table.Column<Guid>(type: "uuid", nullable: false),
                    Value = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    CreatedAtUnixMs = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_fk_ownership_tokens", x => new { x.OwnerKind, x.OwnerId });
                });

            migrationBuilder.CreateTable(
                name: "fk_parent_organizations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false),
                    AdministratorsJson = table.Column<string>(type: "text", nullable: false),
                    CreatedAtUnixMs = table.Column<long>(type: "bigint", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_fk_parent_organizations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "fk_secrets",
                columns: table => new
                {
                    Reference = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Purpose = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    ProtectedValue = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_fk_secrets", x => x.Reference);
                });

            migrationBuilder.CreateTable(
                name: "fk_signin_invitations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Role = table.Column<int>(type: "integer", nullable: false),
                    Email = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: true),
                    EmailKey = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: true),
                    DirectoryId = table.Column<Guid>(type: "uuid", nullable: true),
                    Subject = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: true),
                    CreatedAtUnixMs = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_fk_signin_invitations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "fk_signin_settings",
                columns: table => new
                {
                    DirectoryId = table.Column<Guid>(type: "uuid", nullable: false),
                    SsoEnforced = table.Column<bool>(type: "boolean", nullable: false),
                    SettingsJson = table.Column<string>(type: "text", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_fk_signin_settings", x => x.DirectoryId);
                });

            migrationBuilder.CreateTable(
                name: "fk_trust_requests",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    DirectoryId = table.Column<Guid>(type: "uuid", nullable: false),
                    DirectoryOwnerKind = table.Column<int>(type: "integer", nullable: false),
                    DirectoryOwnerId = table.Column<Guid>(type: "uuid", nullable: false),
                    TrusteeOrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    RequesterUserId = table.Column<Guid>(type: "uuid", nullable: false),
                    RequesterName = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false),
                    RequesterEmail = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    RequesterOrganizationName = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false),
                    Domain = table.Column<string>(type: "character varying(253)", maxLength: 253, nullable: false),
                    State = table.Column<int>(type: "integer", nullable: false),
                    RequestedAtUnixMs = table.Column<long>(type: "bigint", nullable: false),
                    LastSentAtUnixMs = table.Column<long>(type: "bigint", nullable: false),
                    ResendCount = table.Column<int>(type: "integer", nullable: false),
                    DecidedAtUnixMs = table.Column<long>(type: "bigint", nullable: true),
                    RejectionReason = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: true),
                    TrusteeUsersJson = table.Column<string>(type: "text", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
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
                name: "IX_fk_domain_claims_Domain",
                table: "fk_domain_claims",
                column: "Domain");

            migrationBuilder.CreateIndex(
                name: "IX_fk_domain_claims_NextCheckAtUnixMs",
                table: "fk_domain_claims",
                column: "NextCheckAtUnixMs");

            migrationBuilder.CreateIndex(
                name: "IX_fk_domain_claims_OwnerKind_OwnerId_Domain",
                table: "fk_domain_claims",
                columns: new[] { "OwnerKind", "OwnerId", "Domain" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_fk_domain_claims_VerifiedDomain",
                table: "fk_domain_claims",
                column: "VerifiedDomain",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_fk_domain_links_DirectoryId",
                table: "fk_domain_links",
                column: "DirectoryId");

            migrationBuilder.CreateIndex(
                name: "IX_fk_federated_users_DirectoryId_Subject",
                table: "fk_federated_users",
                columns: new[] { "DirectoryId", "Subject" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_fk_federated_users_EmailDomain",
                table: "fk_federated_users",
                column: "EmailDomain");

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
                name: "IX_fk_member_profiles_OrganizationId_UsernameKey",
                table: "fk_member_profiles",
                columns: new[] { "OrganizationId", "UsernameKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_fk_member_profiles_UserId",
                table: "fk_member_profiles",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_fk_merge_proposals_ActiveOrganizationId",
                table: "fk_merge_proposals",
                column: "ActiveOrganizationId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_fk_merge_proposals_OrganizationId",
                table: "fk_merge_proposals",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_fk_merge_proposals_ParentId",
                table: "fk_merge_proposals",
                column: "ParentId");

            migrationBuilder.CreateIndex(
                name: "IX_fk_one_time_entries_ExpiresAtUnixMs",
                table: "fk_one_time_entries",
                column: "ExpiresAtUnixMs");

            migrationBuilder.CreateIndex(
                name: "IX_fk_organizations_ParentId",
                table: "fk_organizations",
                column: "ParentId");

            migrationBuilder.CreateIndex(
                name: "IX_fk_signin_invitations_OrganizationId_DirectoryId_Subject",
                table: "fk_signin_invitations",
                columns: new[] { "OrganizationId", "DirectoryId", "Subject" });

            migrationBuilder.CreateIndex(
                name: "IX_fk_signin_invitations_OrganizationId_EmailKey",
                table: "fk_signin_invitations",
                columns: new[] { "OrganizationId", "EmailKey" });

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
                name: "fk_domain_claims");

            migrationBuilder.DropTable(
                name: "fk_domain_links");

            migrationBuilder.DropTable(
                name: "fk_federated_users");

            migrationBuilder.DropTable(
                name: "fk_idp_profiles");

            migrationBuilder.DropTable(
                name: "fk_member_profiles");

            migrationBuilder.DropTable(
                name: "fk_merge_proposals");

            migrationBuilder.DropTable(
                name: "fk_one_time_entries");

            migrationBuilder.DropTable(
                name: "fk_organizations");

            migrationBuilder.DropTable(
                name: "fk_ownership_tokens");

            migrationBuilder.DropTable(
                name: "fk_parent_organizations");

            migrationBuilder.DropTable(
                name: "fk_secrets");

            migrationBuilder.DropTable(
                name: "fk_signin_invitations");

            migrationBuilder.DropTable(
                name: "fk_signin_settings");

            migrationBuilder.DropTable(
                name: "fk_trust_requests");
        }
    }
}
