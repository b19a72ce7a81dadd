using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FederationKit.EntityFrameworkCore.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ModelBreakGlassAndOutboxCommitOrder : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "BreakGlass",
                table: "fk_memberships",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            // Each organization's break-glass list becomes a flag on the members' rows; an id on the list that is no member
            // (left behind by a removal) is dropped with the list, so it can never come back with the user's next join.
            migrationBuilder.Sql(
                """
                UPDATE "fk_memberships" SET "BreakGlass" = 1
                WHERE EXISTS (
                    SELECT 1 FROM "fk_organizations" AS o, json_each(o."BreakGlassUserIdsJson") AS b
                    WHERE o."Id" = "fk_memberships"."OrganizationId" AND upper(b.value) = "fk_memberships"."UserId");
                """);

            migrationBuilder.DropColumn(
                name: "BreakGlassUserIdsJson",
                table: "fk_organizations");

            migrationBuilder.AddColumn<long>(
                name: "Position",
                table: "fk_event_outbox",
                type: "INTEGER",
                nullable: true);

            // Rows already in the outbox are committed: their place in commit order is their sequence.
            migrationBuilder.Sql("""UPDATE "fk_event_outbox" SET "Position" = "Sequence";""");

            migrationBuilder.CreateIndex(
                name: "IX_fk_event_outbox_OwnerKind_OwnerId_Position",
                table: "fk_event_outbox",
                columns: new[] { "OwnerKind", "OwnerId", "Position" });

            migrationBuilder.CreateIndex(
                name: "IX_fk_event_outbox_Position",
                table: "fk_event_outbox",
                column: "Position",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_fk_event_outbox_OwnerKind_OwnerId_Position",
                table: "fk_event_outbox");

            migrationBuilder.DropIndex(
                name: "IX_fk_event_outbox_Position",
                table: "fk_event_outbox");

            migrationBuilder.DropColumn(
                name: "BreakGlass",
                table: "fk_memberships");

            migrationBuilder.DropColumn(
                name: "Position",
                table: "fk_event_outbox");

            migrationBuilder.AddColumn<string>(
                name: "BreakGlassUserIdsJson",
                table: "fk_organizations",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");
        }
    }
}
