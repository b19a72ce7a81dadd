namespace FederationKit.Scim;

/// <summary>The SCIM resource types this service provider serves.</summary>
public enum ScimResourceType
{
    /// <summary><c>urn:ietf:params:scim:schemas:core:2.0:User</c> at <c>/Users</c>.</summary>
    User,

    /// <summary><c>urn:ietf:params:scim:schemas:core:2.0:Group</c> at <c>/Groups</c>.</summary>
    Group,
}
