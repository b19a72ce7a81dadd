using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FederationKit.EntityFrameworkCore.PostgreSql.Migrations
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
                type: "boolean",
                nullable: false,
                defaultValue: false);

            // Each organization's break-glass list becomes a flag on the members' rows; an id on the list that is no member
            // (left behind by a removal) is dropped with the list, so it can never come back with the user's next join.
            migrationBuilder.Sql(
                """
                UPDATE "fk_memberships" AS m SET "BreakGlass" = TRUE
                FROM "fk_organizations" AS o
                WHERE o."Id" = m."OrganizationId"
                  AND EXISTS (SELECT 1 FROM jsonb_array_elements_text(o."BreakGlassUserIdsJson"::jsonb) AS b(id) WHERE b.id::uuid = m."UserId");
                """);

            migrationBuilder.DropColumn(
                name: "BreakGlassUserIdsJson",
                table: "fk_organizations");

            migrationBuilder.AddColumn<long>(
                name: "Position",
                table: "fk_event_outbox",
                type: "bigint",
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
                type: "text",
                nullable: false,
                defaultValue: "[]");
        }
    }
}
