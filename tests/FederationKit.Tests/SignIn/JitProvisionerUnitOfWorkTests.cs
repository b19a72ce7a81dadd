using FederationKit.Organizations;
using FederationKit.SignIn;
using FederationKit.SignIn.Provisioning;
using FederationKit.SignIn.Routing;
using FederationKit.Stores;

namespace FederationKit.Tests.SignIn;

/// <summary>
/// A first sign-in is one change set, committed by one store call: a failure of that call, whatever it is, leaves no user, no
/// membership and no event; a username taken between the read and the commit is resolved, not surfaced.
/// </summary>
public sealed class JitProvisionerUnitOfWorkTests
{
    [Test]
    public async Task SignIn_FirstSignInIntoTwoOrganizations_IsOneCommitOfTheUserBothMembershipsAndTheEvents()
    {
        var h = await SignInHarness.CreateAsync();
        var labs = await h.AddOrganizationAsync("Labs", h.Parent);
        h.SetPolicy(h.Policy with { Organizations = [h.Acme, labs] });
        var store = new ScriptedChangeSetStore(new InMemoryChangeSetStore(h.Users, h.Memberships));

        var outcome = await Provisioner(h, store).SignInAsync(new SignInProfileContext(h.Directory, h.Profile), SignInHarness.Identity());

        Assert.That(outcome.IsSuccess, Is.True, () => outcome.Error.ToString());
        var commit = store.Commits.Single();
        Assert.That((commit.AddedUsers.Length, commit.AddedMemberships.Length), Is.EqualTo((1, 2)));
        Assert.That(commit.Events.Select(e => e.Type), Is.EqualTo(new[] { "signin.user_created", "signin.member_joined", "signin.member_joined" }));
        Assert.That(h.Events.Events.Select(e => e.Type), Is.EqualTo(commit.Events.Select(e => e.Type)), "published after the commit, in order");
    }

    private static IEnumerable<TestCaseData> CommitFailures() =>
    [
        new TestCaseData("throws").SetName("SignIn_CommitThrows_NothingPersistedAndNoEvent"),
        new TestCaseData("conflict").SetName("SignIn_CommitAlwaysConflicts_ConcurrencyExhaustedNothingPersistedAndNoEvent"),
        new TestCaseData("refused").SetName("SignIn_CommitRefused_TheErrorNothingPersistedAndNoEvent"),
    ];

    [TestCaseSource(nameof(CommitFailures))]
    public async Task SignIn_CommitFails(string failure)
    {
        var h = await SignInHarness.CreateAsync();
        var store = new ScriptedChangeSetStore(new InMemoryChangeSetStore(h.Users, h.Memberships)) { Failure = failure };
        var provisioner = Provisioner(h, store);

        if (failure == "throws")
        {
            Assert.That(async () => await provisioner.SignInAsync(new SignInProfileContext(h.Directory, h.Profile), SignInHarness.Identity()), Throws.InvalidOperationException);
        }
        else
        {
            var outcome = await provisioner.SignInAsync(new SignInProfileContext(h.Directory, h.Profile), SignInHarness.Identity());
            Assert.That(outcome.Error.Code, Is.EqualTo(failure == "conflict" ? SignInErrorCodes.ConcurrencyExhausted : "test.refused"));
        }

        Assert.That(await h.Users.CountByDirectoryAsync(h.Directory), Is.Zero);
        Assert.That(await h.Memberships.ListByOrganizationAsync(h.Acme, null, 10), Is.Empty);
        Assert.That(h.Events.Events, Is.Empty);
    }

    [Test]
    public async Task SignIn_UsernameTakenBetweenReadAndCommit_JoinsWithTheNextCandidate()
    {
        var h = await SignInHarness.CreateAsync();
        var inner = new InMemoryChangeSetStore(h.Users, h.Memberships);
        var store = new ScriptedChangeSetStore(inner)
        {
            BeforeFirstCommit = () => inner.CommitAsync(MembershipChanges.Join(
                MembershipChanges.NewLocalMember(h.Acme, UserId.New(), "other@acme.com", OrganizationRole.Member, h.Clock.GetUtcNow()) with { Username = "John.Smith" })),
        };

        var outcome = await Provisioner(h, store).SignInAsync(new SignInProfileContext(h.Directory, h.Profile), SignInHarness.Identity());

        Assert.That(outcome.IsSuccess, Is.True, () => outcome.Error.ToString());
        Assert.That(outcome.Value.Memberships.Single().Username, Is.EqualTo("john.smith1"));
        Assert.That(store.Commits, Has.Count.EqualTo(2), "the first commit was refused whole and the sign-in decided again");
        Assert.That(h.Events.Events.Count(e => e.Type == "signin.user_created"), Is.EqualTo(1));
    }

    private static JitProvisioner Provisioner(SignInHarness h, IChangeSetStore store) =>
        new(h.Policies, h.Trustees, new SignInRouter(h.Routes, h.Options), h.Organizations, h.Users, h.Memberships, h.Invitations,
            new ChangeSetCommitter(store, h.Events), h.Clock, h.Options);

    /// <summary>Records each change it is asked to commit, and fails as told.</summary>
    private sealed class ScriptedChangeSetStore(IChangeSetStore inner) : IChangeSetStore
    {
        public List<ChangeSet> Commits { get; } = [];

        public string? Failure { get; init; }

        public Func<Task<Result>>? BeforeFirstCommit { get; set; }

        public async Task<Result> CommitAsync(ChangeSet change, CancellationToken cancellationToken = default)
        {
            Commits.Add(change);
            if (BeforeFirstCommit is { } before)
            {
                BeforeFirstCommit = null;
                Assert.That((await before()).IsSuccess, Is.True);
            }

            return Failure switch
            {
                "throws" => throw new InvalidOperationException("The database went away."),
                "conflict" => StoreErrors.ConcurrencyConflict("membership", "x"),
                "refused" => new FederationError("test.refused", "The store refused."),
                _ => await inner.CommitAsync(change, cancellationToken),
            };
        }
    }
}
