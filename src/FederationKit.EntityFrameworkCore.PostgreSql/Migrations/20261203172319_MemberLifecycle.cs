using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FederationKit.EntityFrameworkCore.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class MemberLifecycle : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "DeletedAtUnixMs",
                table: "fk_federated_users",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RemovedFromJson",
                table: "fk_federated_users",
                type: "text",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<string>(
                name: "SecurityStamp",
                table: "fk_federated_users",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<long>(
                name: "SuspendedAtUnixMs",
                table: "fk_federated_users",
                type: "bigint",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "DeletedAtUnixMs",
                table: "fk_federated_users");

            migrationBuilder.DropColumn(
                name: "RemovedFromJson",
                table: "fk_federated_users");

            migrationBuilder.DropColumn(
                name: "SecurityStamp",
                table: "fk_federated_users");

            migrationBuilder.DropColumn(
                name: "SuspendedAtUnixMs",
                table: "fk_federated_users");
        }
    }
}
