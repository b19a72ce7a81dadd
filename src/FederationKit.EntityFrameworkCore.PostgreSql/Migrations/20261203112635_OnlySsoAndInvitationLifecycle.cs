using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FederationKit.EntityFrameworkCore.PostgreSql.Migrations
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
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "GroupsJson",
                table: "fk_signin_invitations",
                type: "text",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<Guid>(
                name: "InvitedBy",
                table: "fk_signin_invitations",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "LastSentAtUnixMs",
                table: "fk_signin_invitations",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "RevokedAtUnixMs",
                table: "fk_signin_invitations",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "BreakGlassUserIdsJson",
                table: "fk_organizations",
                type: "text",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<bool>(
                name: "OnlySso",
                table: "fk_organizations",
                type: "boolean",
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
