using System.Security.Cryptography;
using FederationKit.Directories;
using FederationKit.EntityFrameworkCore.Model;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace FederationKit.EntityFrameworkCore.Stores;

/// <summary>
/// <see cref="ISecretStore"/> on EF Core that keeps only ASP.NET Core Data Protection ciphertext in table <c>fk_secrets</c>.
/// Each value is protected with a purpose chain that ends in its own reference, so ciphertext copied onto another row does not
/// decrypt. The database alone therefore reveals no secret; whoever holds the Data Protection key ring can read them, so the
/// host must persist and protect the key ring (and share it between instances), for example
/// <c>services.AddDataProtection().PersistKeysToFileSystem(...).ProtectKeysWith...(...)</c>. A host that keeps secrets in a
/// vault registers its own <see cref="ISecretStore"/> instead.
/// </summary>
/// <typeparam name="TContext">A context whose model includes <see cref="ModelBuilderExtensions.ApplyFederationKitModel"/>.</typeparam>
public sealed class EntityFrameworkSecretStore<TContext> : ISecretStore
    where TContext : DbContext
{
    /// <summary>The root Data Protection purpose of FederationKit secrets.</summary>
    public const string ProtectorPurpose = "FederationKit.Secrets.v1";

    private readonly IDbContextFactory<TContext> _contexts;
    private readonly IDataProtector _protector;

    /// <summary>Creates the store.</summary>
    /// <param name="contexts">The factory of contexts.</param>
    /// <param name="dataProtection">The host's Data Protection (its key ring must survive restarts and be shared by instances).</param>
    public EntityFrameworkSecretStore(IDbContextFactory<TContext> contexts, IDataProtectionProvider dataProtection)
    {
        ArgumentNullException.ThrowIfNull(contexts);
        ArgumentNullException.ThrowIfNull(dataProtection);
        _contexts = contexts;
        _protector = dataProtection.CreateProtector(ProtectorPurpose);
    }

    /// <inheritdoc />
    public async Task<SecretReference> StoreAsync(string purpose, string secret, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(purpose);
        ArgumentNullException.ThrowIfNull(secret);
        var reference = new SecretReference(purpose + ":" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)));
        await using var db = await StoreContexts.CreateAsync(_contexts, cancellationToken).ConfigureAwait(false);
        db.Set<SecretRow>().Add(new SecretRow
        {
            Reference = reference.Value,
            Purpose = purpose,
            ProtectedValue = _protector.CreateProtector(reference.Value).Protect(secret),
        });
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return reference;
    }

    /// <inheritdoc />
    /// <exception cref="CryptographicException">The ciphertext was altered or the key ring that protected it is gone.</exception>
    public async Task<string?> ReadAsync(SecretReference reference, CancellationToken cancellationToken = default)
    {
        if (reference.Value is null)
        {
            return null;
        }

        await using var db = await StoreContexts.CreateAsync(_contexts, cancellationToken).ConfigureAwait(false);
        var row = await db.Set<SecretRow>().AsNoTracking().SingleOrDefaultAsync(r => r.Reference == reference.Value, cancellationToken).ConfigureAwait(false);
        return row is null ? null : _protector.CreateProtector(reference.Value).Unprotect(row.ProtectedValue);
    }

    /// <inheritdoc />
    public async Task DeleteAsync(SecretReference reference, CancellationToken cancellationToken = default)
    {
        if (reference.Value is null)
        {
            return;
        }

        await using var db = await StoreContexts.CreateAsync(_contexts, cancellationToken).ConfigureAwait(false);
        await db.Set<SecretRow>().Where(r => r.Reference == reference.Value).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
    }
}
