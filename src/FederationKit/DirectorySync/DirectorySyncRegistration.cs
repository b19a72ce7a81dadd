using FederationKit.DirectorySync.Groups;
using FederationKit.DirectorySync.Tokens;
using FederationKit.DirectorySync.Users;
using FederationKit.SignIn.Stores;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace FederationKit.DirectorySync;

/// <summary>Registers directory sync (called by <c>AddFederationKit</c>): in-memory token and group stores, the services, each with <c>TryAdd</c>.</summary>
internal static class DirectorySyncRegistration
{
    public static void AddDirectorySync(IServiceCollection services)
    {
        // DirectorySyncOptions is a part of FederationKitOptions (section FederationKit:DirectorySync), registered by AddFederationKit.
        services.TryAddSingleton<IDirectorySyncTokenStore, InMemoryDirectorySyncTokenStore>();
        services.TryAddSingleton<IDirectoryGroupStore, InMemoryDirectoryGroupStore>();

        // Over the in-memory user store only; the Entity Framework Core package registers its own, and a custom user store must.
        // Null otherwise: sign-in then binds no SCIM user, and DirectorySyncService refuses to be built without a query.
        services.TryAddSingleton<IDirectorySyncUserQuery>(sp => sp.GetRequiredService<IFederatedUserStore>() is InMemoryFederatedUserStore users
            ? new InMemoryDirectorySyncUserQuery(users)
            : null!);
        services.TryAddSingleton<DirectorySyncTokenService>();
        services.TryAddSingleton<DirectorySyncService>();
    }
}
