namespace FederationKit.Scim.Schemas;

/// <summary>The schemas this service provider supports: the attributes identity providers send, per RFC 7643 §4 and §8.7.</summary>
internal static class ScimSchemas
{
    public const string UserUrn = "urn:ietf:params:scim:schemas:core:2.0:User";
    public const string GroupUrn = "urn:ietf:params:scim:schemas:core:2.0:Group";
    public const string EnterpriseUserUrn = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

    private static ScimAttributeDefinition Text(string name, string description) => new(name, "string", description);

    private static ScimAttributeDefinition MultiValued(string name, string description, params ScimAttributeDefinition[] subAttributes) =>
        new(name, "complex", description) { MultiValued = true, SubAttributes = subAttributes };

    private static ScimAttributeDefinition Primary() => new("primary", "boolean", "Whether this is the primary value; at most one value is primary.");

    private static ScimAttributeDefinition TypeOf(string description) => Text("type", description);

    public static ScimSchemaDefinition User { get; } = new(UserUrn, "User", "User Account",
    [
        new("userName", "string", "Unique identifier of the user, typically their sign-in name; required.") { Required = true, Uniqueness = "server" },
        new("name", "complex", "The components of the user's name.")
        {
            SubAttributes =
            [
                Text("formatted", "The full name."),
                Text("familyName", "The family name."),
                Text("givenName", "The given name."),
                Text("middleName", "The middle name."),
                Text("honorificPrefix", "The honorific prefix."),
                Text("honorificSuffix", "The honorific suffix."),
            ],
        },
        Text("displayName", "The name to display."),
        Text("nickName", "The casual name."),
        new("profileUrl", "reference", "A URL of the user's profile."),
        Text("title", "The user's title."),
        Text("userType", "The relationship between the organization and the user."),
        Text("preferredLanguage", "The preferred language."),
        Text("locale", "The default location."),
        Text("timezone", "The time zone."),
        new("active", "boolean", "Whether the user may sign in; false suspends the user."),
        MultiValued("emails", "Email addresses.", Text("value", "The address."), Text("display", "A display form."), TypeOf("work, home or other."), Primary()),
        MultiValued("phoneNumbers", "Phone numbers.", Text("value", "The number."), Text("display", "A display form."), TypeOf("work, mobile, home, fax, pager or other."), Primary()),
        MultiValued("addresses", "Physical addresses.",
            Text("formatted", "The full address."), Text("streetAddress", "The street."), Text("locality", "The city."), Text("region", "The region."),
            Text("postalCode", "The postal code."), Text("country", "The country."), TypeOf("work, home or other."), Primary()),
        new("groups", "complex", "The groups the user belongs to, maintained through the Group resources.")
        {
            MultiValued = true,
            Mutability = "readOnly",
            SubAttributes =
            [
                new("value", "string", "The group's id.") { Mutability = "readOnly" },
                new("$ref", "reference", "The group's URI.") { Mutability = "readOnly" },
                new("display", "string", "The group's displayName.") { Mutability = "readOnly" },
                new("type", "string", "direct or indirect.") { Mutability = "readOnly" },
            ],
        },
        MultiValued("roles", "Roles of the user.", Text("value", "The role."), Text("display", "A display form."), TypeOf("The role's type."), Primary()),
    ]);

    public static ScimSchemaDefinition EnterpriseUser { get; } = new(EnterpriseUserUrn, "EnterpriseUser", "Enterprise User",
    [
        Text("employeeNumber", "The employee number."),
        Text("costCenter", "The cost center."),
        Text("organization", "The organization."),
        Text("division", "The division."),
        Text("department", "The department."),
        new("manager", "complex", "The user's manager.")
        {
            SubAttributes = [Text("value", "The manager's id."), new("$ref", "reference", "The manager's URI."), new("displayName", "string", "The manager's name.") { Mutability = "readOnly" }],
        },
    ]);

    public static ScimSchemaDefinition Group { get; } = new(GroupUrn, "Group", "Group",
    [
        new("displayName", "string", "The group's name; required.") { Required = true },
        new("members", "complex", "The group's members.")
        {
            MultiValued = true,
            SubAttributes =
            [
                new("value", "string", "The member's id.") { Mutability = "immutable" },
                new("$ref", "reference", "The member's URI.") { Mutability = "immutable" },
                new("display", "string", "The member's display name.") { Mutability = "immutable" },
                new("type", "string", "User or Group.") { Mutability = "immutable" },
            ],
        },
    ]);

    public static ScimResourceSchema UserResource { get; } = new(ScimResourceType.User, "User", "/Users", User, [EnterpriseUser]);

    public static ScimResourceSchema GroupResource { get; } = new(ScimResourceType.Group, "Group", "/Groups", Group, []);

    public static ScimResourceSchema For(ScimResourceType type) => type == ScimResourceType.User ? UserResource : GroupResource;
}
