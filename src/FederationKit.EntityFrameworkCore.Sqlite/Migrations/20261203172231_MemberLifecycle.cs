using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FederationKit.EntityFrameworkCore.Sqlite.Migrations
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
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RemovedFromJson",
                table: "fk_federated_users",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<string>(
                name: "SecurityStamp",
                table: "fk_federated_users",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<long>(
                name: "SuspendedAtUnixMs",
                table: "fk_federated_users",
                type: "INTEGER",
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
