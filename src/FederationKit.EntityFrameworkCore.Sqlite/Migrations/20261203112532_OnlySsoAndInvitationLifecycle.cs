using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FederationKit.EntityFrameworkCore.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class OnlySsoAndInvitationLifecycle : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "ExpiresAtUnixMs",
                table: "fk_signin_invitations",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "GroupsJson",
                table: "fk_signin_invitations",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<Guid>(
                name: "InvitedBy",
                table: "fk_signin_invitations",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "LastSentAtUnixMs",
                table: "fk_signin_invitations",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "RevokedAtUnixMs",
                table: "fk_signin_invitations",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "BreakGlassUserIdsJson",
                table: "fk_organizations",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<bool>(
                name: "OnlySso",
                table: "fk_organizations",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ExpiresAtUnixMs",
                table: "fk_signin_invitations");

            migrationBuilder.DropColumn(
                name: "GroupsJson",
                table: "fk_signin_invitations");

            migrationBuilder.DropColumn(
                name: "InvitedBy",
                table: "fk_signin_invitations");

            migrationBuilder.DropColumn(
                name: "LastSentAtUnixMs",
                table: "fk_signin_invitations");

            migrationBuilder.DropColumn(
                name: "RevokedAtUnixMs",
                table: "fk_signin_invitations");

            migrationBuilder.DropColumn(
                name: "BreakGlassUserIdsJson",
                table: "fk_organizations");

            migrationBuilder.DropColumn(
                name: "OnlySso",
                table: "fk_organizations");
        }
    }
}
