using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FederationKit.EntityFrameworkCore.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ScimSyncDirectorySync : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "DisplayName",
                table: "fk_federated_users",
                type: "TEXT",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ExternalId",
                table: "fk_federated_users",
                type: "TEXT",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "LastModifiedAtUnixMs",
                table: "fk_federated_users",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "UserName",
                table: "fk_federated_users",
                type: "TEXT",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "UserNameKey",
                table: "fk_federated_users",
                type: "TEXT",
                maxLength: 256,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "fk_directory_groups",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    DirectoryId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DisplayName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    ExternalId = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    CreatedAtUnixMs = table.Column<long>(type: "INTEGER", nullable: false),
                    LastModifiedAtUnixMs = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_fk_directory_groups", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "fk_directory_sync_tokens",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    DirectoryId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SecretHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CreatedAtUnixMs = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<Guid>(type: "TEXT", nullable: false),
                    ExpiresAtUnixMs = table.Column<long>(type: "INTEGER", nullable: true),
                    RevokedAtUnixMs = table.Column<long>(type: "INTEGER", nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_fk_directory_sync_tokens", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "fk_directory_group_members",
                columns: table => new
                {
                    GroupId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_fk_directory_group_members", x => new { x.GroupId, x.UserId });
                    table.ForeignKey(
                        name: "FK_fk_directory_group_members_fk_directory_groups_GroupId",
                        column: x => x.GroupId,
                        principalTable: "fk_directory_groups",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_fk_federated_users_DirectoryId_Email",
                table: "fk_federated_users",
                columns: new[] { "DirectoryId", "Email" });

            migrationBuilder.CreateIndex(
                name: "IX_fk_federated_users_DirectoryId_ExternalId",
                table: "fk_federated_users",
                columns: new[] { "DirectoryId", "ExternalId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_fk_federated_users_DirectoryId_UserNameKey",
                table: "fk_federated_users",
                columns: new[] { "DirectoryId", "UserNameKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_fk_directory_group_members_UserId",
                table: "fk_directory_group_members",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_fk_directory_groups_DirectoryId_DisplayName",
                table: "fk_directory_groups",
                columns: new[] { "DirectoryId", "DisplayName" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_fk_directory_groups_DirectoryId_ExternalId",
                table: "fk_directory_groups",
                columns: new[] { "DirectoryId", "ExternalId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_fk_directory_sync_tokens_DirectoryId",
                table: "fk_directory_sync_tokens",
                column: "DirectoryId");

            migrationBuilder.CreateIndex(
                name: "IX_fk_directory_sync_tokens_SecretHash",
                table: "fk_directory_sync_tokens",
                column: "SecretHash",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "fk_directory_group_members");

            migrationBuilder.DropTable(
                name: "fk_directory_sync_tokens");

            migrationBuilder.DropTable(
                name: "fk_directory_groups");

            migrationBuilder.DropIndex(
                name: "IX_fk_federated_users_DirectoryId_Email",
                table: "fk_federated_users");

            migrationBuilder.DropIndex(
                name: "IX_fk_federated_users_DirectoryId_ExternalId",
                table: "fk_federated_users");

            migrationBuilder.DropIndex(
                name: "IX_fk_federated_users_DirectoryId_UserNameKey",
                table: "fk_federated_users");

            migrationBuilder.DropColumn(
                name: "DisplayName",
                table: "fk_federated_users");

            migrationBuilder.DropColumn(
                name: "ExternalId",
                table: "fk_federated_users");

            migrationBuilder.DropColumn(
                name: "LastModifiedAtUnixMs",
                table: "fk_federated_users");

            migrationBuilder.DropColumn(
                name: "UserName",
                table: "fk_federated_users");

            migrationBuilder.DropColumn(
                name: "UserNameKey",
                table: "fk_federated_users");
        }
    }
}
