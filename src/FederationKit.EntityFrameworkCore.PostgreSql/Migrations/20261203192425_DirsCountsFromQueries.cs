using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FederationKit.EntityFrameworkCore.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class DirsCountsFromQueries : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "ProfileId",
                table: "fk_federated_users",
                type: "uuid",
                nullable: true);

            // Users now record the profile they last signed in through; the stored counters are dropped. Existing users get
            // the profile with the highest counter of their directory (then the active one): the profile most of them signed in
            // through stays protected after the upgrade, and each user's next sign-in records the real one.
            migrationBuilder.Sql(
                """
                UPDATE fk_federated_users SET "ProfileId" = (
                    SELECT p."Id" FROM fk_idp_profiles p
                    WHERE p."DirectoryId" = fk_federated_users."DirectoryId"
                    ORDER BY p."MemberCount" DESC, p."IsActive" DESC, p."Id"
                    LIMIT 1)
                WHERE "DeletedAtUnixMs" IS NULL;
                """);

            migrationBuilder.DropColumn(
                name: "MemberCount",
                table: "fk_idp_profiles");

            migrationBuilder.DropColumn(
                name: "MemberCount",
                table: "fk_directories");

            migrationBuilder.CreateIndex(
                name: "IX_fk_federated_users_ProfileId",
                table: "fk_federated_users",
                column: "ProfileId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_fk_federated_users_ProfileId",
                table: "fk_federated_users");

            migrationBuilder.DropColumn(
                name: "ProfileId",
                table: "fk_federated_users");

            migrationBuilder.AddColumn<int>(
                name: "MemberCount",
                table: "fk_idp_profiles",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "MemberCount",
                table: "fk_directories",
                type: "integer",
                nullable: false,
                defaultValue: 0);
        }
    }
}
