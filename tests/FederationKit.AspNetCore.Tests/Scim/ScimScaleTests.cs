using System.Net;
using System.Text.Json.Nodes;
using FederationKit.Directories;
using FederationKit.DirectorySync;
using FederationKit.DirectorySync.Groups;
using FederationKit.DirectorySync.Users;
using FederationKit.Organizations;
using FederationKit.Scim;
using FederationKit.SignIn.Stores;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace FederationKit.AspNetCore.Tests.Scim;

/// <summary>
/// List, filter and group reads stay bounded on the real endpoint over the directory sync service: the stores answer the
/// indexed filters and the page, other filters are evaluated page by page up to <see cref="DirectorySyncOptions.MaxFilterScan"/>,
/// group reads return at most <see cref="DirectorySyncOptions.MaxGroupMembersReturned"/> members. Counting store decorators
/// show how many rows each request read.
/// </summary>
public sealed class ScimScaleTests
{
    private static string Filter(string filter) => "filter=" + Uri.EscapeDataString(filter);

    private static async Task<(ScimDomainHost Host, Counting Counter)> StartAsync(DirectorySyncOptions options)
    {
        var counter = new Counting();
        var host = await ScimDomainHost.StartAsync(services =>
        {
            services.AddSingleton(options);
            services.AddSingleton<IDirectorySyncUserQuery>(sp =>
                counter.Users = new CountingUserQuery(new InMemoryDirectorySyncUserQuery((InMemoryFederatedUserStore)sp.GetRequiredService<IFederatedUserStore>())));
            services.AddSingleton<IDirectoryGroupStore>(_ => counter.Groups = new CountingGroupStore(new InMemoryDirectoryGroupStore()));
        });
        return (host, counter);
    }

    private static async Task<string> CreateUserAsync(ScimDomainHost host, int i)
    {
        var response = await host.Client().PostAsync(host.Url("/Users"), ScimDomainHost.Json($$"""
            {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"user{{i}}@acme.com","externalId":"ext-{{i}}",
             "displayName":"User {{i}}","emails":[{"primary":true,"type":"work","value":"user{{i}}@acme.com"}],"active":true}
            """));
        var body = await ScimDomainHost.BodyAsync(response);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), body.ToJsonString());
        return (string)body["id"]!;
    }

    private static async Task<string> CreateGroupAsync(ScimDomainHost host, string name, IEnumerable<string> members)
    {
        var list = new JsonArray([.. members.Select(m => (JsonNode)new JsonObject { ["value"] = m })]);
        var json = new JsonObject { ["schemas"] = new JsonArray("urn:ietf:params:scim:schemas:core:2.0:Group"), ["displayName"] = name, ["members"] = list };
        var response = await host.Client().PostAsync(host.Url("/Groups"), ScimDomainHost.Json(json.ToJsonString()));
        var body = await ScimDomainHost.BodyAsync(response);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), body.ToJsonString());
        return (string)body["id"]!;
    }

    private static async Task<(HttpStatusCode Status, JsonObject Body)> GetAsync(ScimDomainHost host, string path)
    {
        var response = await host.Client().GetAsync(host.Url(path));
        return (response.StatusCode, await ScimDomainHost.BodyAsync(response));
    }

    private static IEnumerable<string?> Ids(JsonObject list) => list["Resources"]!.AsArray().Select(r => (string?)r!["id"]);

    [Test]
    public async Task Users_FilterDisplayNameEq_ReadsOnlyTheMatchFromTheStore()
    {
        var (host, counter) = await StartAsync(new DirectorySyncOptions { MaxPageSize = 5 });
        await using var _ = host;
        var ids = new List<string>();
        for (var i = 0; i < 12; i++)
        {
            ids.Add(await CreateUserAsync(host, i));
        }

        counter.Reset();
        var (status, body) = await GetAsync(host, "/Users?" + Filter("displayName eq \"user 7\""));

        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), body.ToJsonString());
        Assert.That((int)body["totalResults"]!, Is.EqualTo(1));
        Assert.That(Ids(body), Is.EqualTo(new[] { ids[7] }));
        Assert.That(counter.Users!.Rows, Is.EqualTo(1), "the store answers the filter; the directory is not read");
    }

    [Test]
    public async Task Users_FilterActiveEqFalseAndLastModifiedGt_AnsweredByTheStoreWithTotal()
    {
        var (host, counter) = await StartAsync(new DirectorySyncOptions { MaxPageSize = 5 });
        await using var _ = host;
        var clock = (FakeTimeProvider)host.Services.GetRequiredService<TimeProvider>();
        var ids = new List<string>();
        for (var i = 0; i < 12; i++)
        {
            ids.Add(await CreateUserAsync(host, i));
        }

        var before = clock.GetUtcNow();
        clock.Advance(TimeSpan.FromMinutes(1));
        foreach (var id in new[] { ids[2], ids[9] })
        {
            var patched = await host.Client().PatchAsync(host.Url($"/Users/{id}"), ScimDomainHost.Json("""
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","path":"active","value":false}]}
                """));
            Assert.That(patched.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        counter.Reset();
        var (status, inactive) = await GetAsync(host, "/Users?" + Filter("active eq false"));
        var inactiveRows = counter.Users!.Rows;
        counter.Reset();
        var (_, changed) = await GetAsync(host, "/Users?" + Filter($"meta.lastModified gt \"{before:O}\" and active eq false") + "&startIndex=2&count=1");

        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), inactive.ToJsonString());
        Assert.That((int)inactive["totalResults"]!, Is.EqualTo(2));
        Assert.That(Ids(inactive), Is.EquivalentTo(new[] { ids[2], ids[9] }));
        Assert.That(inactiveRows, Is.EqualTo(2));
        Assert.That((int)changed["totalResults"]!, Is.EqualTo(2));
        Assert.That(changed["Resources"]!.AsArray(), Has.Count.EqualTo(1));
        Assert.That(counter.Users.Rows, Is.EqualTo(1));
    }

    [Test]
    public async Task Users_UnindexedFilterOverMoreThanMaxFilterScan_IsTooMany()
    {
        var (host, _) = await StartAsync(new DirectorySyncOptions { MaxPageSize = 5, MaxFilterScan = 10 });
        await using var __ = host;
        for (var i = 0; i < 12; i++)
        {
            await CreateUserAsync(host, i);
        }

        var (status, body) = await GetAsync(host, "/Users?" + Filter("displayName co \"1\""));
        var (narrowed, narrowedBody) = await GetAsync(host, "/Users?" + Filter("active eq true and userName sw \"user1\" and displayName co \"1\""));

        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest), body.ToJsonString());
        Assert.That((string?)body["scimType"], Is.EqualTo("tooMany"));
        Assert.That((string?)body["detail"], Does.EndWith($"({ScimErrorCodes.TooMany})"));
        Assert.That(narrowed, Is.EqualTo(HttpStatusCode.BadRequest), "12 active users are still more than 10 candidates");
        Assert.That((string?)narrowedBody["scimType"], Is.EqualTo("tooMany"));
    }

    [Test]
    public async Task Users_UnindexedFilterUnderTheCap_PagesTheMatchesInChunks()
    {
        var (host, counter) = await StartAsync(new DirectorySyncOptions { MaxPageSize = 5 });
        await using var _ = host;
        var ids = new List<string>();
        for (var i = 0; i < 12; i++)
        {
            ids.Add(await CreateUserAsync(host, i));
        }

        counter.Reset();
        var (status, body) = await GetAsync(host, "/Users?" + Filter("displayName co \"1\" or displayName ew \"3\"") + "&startIndex=2&count=2");

        var expected = ids.Where((_, i) => i.ToString(System.Globalization.CultureInfo.InvariantCulture).Contains('1', StringComparison.Ordinal) || i % 10 == 3)
            .Order(StringComparer.Ordinal).ToList();
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), body.ToJsonString());
        Assert.That((int)body["totalResults"]!, Is.EqualTo(expected.Count));
        Assert.That(Ids(body), Is.EqualTo(expected.Skip(1).Take(2)));
        Assert.That(counter.Users!.LargestRead, Is.LessThanOrEqualTo(5), "read a page of MaxPageSize at a time");
    }

    [Test]
    public async Task Groups_FilterMembersValueEq_AnsweredByTheStore()
    {
        var (host, counter) = await StartAsync(new DirectorySyncOptions { MaxPageSize = 5 });
        await using var _ = host;
        var alice = await CreateUserAsync(host, 1);
        var bob = await CreateUserAsync(host, 2);
        var groups = new List<string>();
        for (var i = 0; i < 8; i++)
        {
            groups.Add(await CreateGroupAsync(host, "Group " + i, i % 3 == 0 ? [alice, bob] : [bob]));
        }

        counter.Reset();
        var (status, body) = await GetAsync(host, "/Groups?excludedAttributes=members&" + Filter($"members[value eq \"{alice}\"]"));
        var (_, dotted) = await GetAsync(host, "/Groups?" + Filter($"members.value eq \"{alice}\" and displayName eq \"group 3\""));

        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), body.ToJsonString());
        Assert.That(Ids(body), Is.EquivalentTo(new[] { groups[0], groups[3], groups[6] }));
        Assert.That(body["Resources"]![0]!["members"], Is.Null);
        Assert.That(Ids(dotted), Is.EqualTo(new[] { groups[3] }));
        Assert.That(counter.Groups!.GroupRows, Is.EqualTo(4), "three groups, then one: only the matches are read");
    }

    [Test]
    public async Task Groups_GetWithExcludedMembers_ReadsNoMemberRow()
    {
        var (host, counter) = await StartAsync(new DirectorySyncOptions());
        await using var _ = host;
        var users = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            users.Add(await CreateUserAsync(host, i));
        }

        var group = await CreateGroupAsync(host, "Engineering", users);
        counter.Reset();

        var (status, body) = await GetAsync(host, $"/Groups/{group}?excludedAttributes=members");
        var (_, list) = await GetAsync(host, "/Groups?excludedAttributes=members");

        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(body["members"], Is.Null);
        Assert.That(list["Resources"]![0]!["members"], Is.Null);
        Assert.That(counter.Groups!.MemberReads, Is.Zero);
    }

    [Test]
    public async Task Groups_GetAboveMaxGroupMembersReturned_ReturnsTheFirstMembersAndPatchKeepsEveryOne()
    {
        var (host, counter) = await StartAsync(new DirectorySyncOptions { MaxPageSize = 2, MaxGroupMembersReturned = 3 });
        await using var _ = host;
        var users = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            users.Add(await CreateUserAsync(host, i));
        }

        var group = await CreateGroupAsync(host, "Engineering", users.Take(5));
        var (status, body) = await GetAsync(host, $"/Groups/{group}");
        counter.Reset();
        var patched = await host.Client().PatchAsync(host.Url($"/Groups/{group}"), ScimDomainHost.Json($$"""
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"add","path":"members","value":[{"value":"{{users[5]}}"}]}]}
            """));
        var memberRowsOfPatch = counter.Groups!.MemberRows;
        var groupId = new DirectoryGroupId(Guid.Parse(group));
        var (stored, total) = await counter.Groups!.ListMembersAsync(groupId, 0, 100);
        var (tooMany, tooManyBody) = await GetAsync(host, "/Groups?" + Filter($"id eq \"{group}\" and members.value sw \"0\""));
        var (_, isMember) = await GetAsync(host, "/Groups?excludedAttributes=members&" + Filter($"id eq \"{group}\" and members.value eq \"{users[4]}\""));

        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(body["members"]!.AsArray().Select(m => (string?)m!["value"]), Is.EqualTo(users.Take(5).Order(StringComparer.Ordinal).Take(3)));
        Assert.That(patched.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(memberRowsOfPatch, Is.LessThanOrEqualTo(3), "a member PATCH reads only the members its response returns");
        Assert.That(total, Is.EqualTo(6), "a PATCH works on every member, not on the members a GET returns");
        Assert.That(stored.Select(u => u.Value.ToString("D")), Is.EquivalentTo(users));
        Assert.That(tooMany, Is.EqualTo(HttpStatusCode.BadRequest), tooManyBody.ToJsonString());
        Assert.That((string?)tooManyBody["scimType"], Is.EqualTo("tooMany"));
        Assert.That((int)isMember["totalResults"]!, Is.EqualTo(1), "a membership check is answered by the store whatever the group's size");
        Assert.That(Ids(isMember), Is.EqualTo(new[] { group }));
    }

    [Test]
    public async Task Groups_PatchAddAndRemoveInOneRequest_AppliesTheOperationsInOrder()
    {
        var (host, _) = await StartAsync(new DirectorySyncOptions());
        await using var __ = host;
        var users = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            users.Add(await CreateUserAsync(host, i));
        }

        var group = await CreateGroupAsync(host, "Engineering", users.Take(2));
        var patched = await host.Client().PatchAsync(host.Url($"/Groups/{group}"), ScimDomainHost.Json($$"""
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[
             {"op":"Add","path":"members","value":[{"value":"{{users[2]}}"},{"value":"{{users[3]}}","type":"User"}]},
             {"op":"Remove","path":"members","value":[{"value":"{{users[0]}}"},{"value":"{{users[3]}}"}]},
             {"op":"add","path":"members","value":[{"value":"{{users[3]}}","display":"User 3"}]}]}
            """));
        var body = await ScimDomainHost.BodyAsync(patched);
        var unknown = await host.Client().PatchAsync(host.Url($"/Groups/{group}"), ScimDomainHost.Json($$"""
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"add","path":"members","value":[{"value":"{{Guid.NewGuid()}}"}]}]}
            """));
        var unknownBody = await ScimDomainHost.BodyAsync(unknown);

        Assert.That(patched.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToJsonString());
        Assert.That(body["members"]!.AsArray().Select(m => (string?)m!["value"]), Is.EquivalentTo(new[] { users[1], users[2], users[3] }));
        Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), unknownBody.ToJsonString());
        Assert.That((string?)unknownBody["scimType"], Is.EqualTo("invalidValue"));
    }

    [Test]
    public async Task Users_Get_CarriesTheGroupsTheUserIsADirectMemberOf()
    {
        var (host, counter) = await StartAsync(new DirectorySyncOptions());
        await using var __ = host;
        var user = await CreateUserAsync(host, 1);
        var other = await CreateUserAsync(host, 2);
        var group = await CreateGroupAsync(host, "Engineering", [user]);
        await CreateGroupAsync(host, "Sales", [other]);

        var (status, body) = await GetAsync(host, $"/Users/{user}");
        var (_, excluded) = await GetAsync(host, $"/Users/{user}?excludedAttributes=groups");
        var (_, listed) = await GetAsync(host, "/Users?" + Filter("userName eq \"user1@acme.com\""));
        counter.Reset();
        var (_, all) = await GetAsync(host, "/Users");
        var (_, scanned) = await GetAsync(host, "/Users?" + Filter("displayName co \"user\""));

        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        var groups = body["groups"]!.AsArray();
        Assert.That(groups, Has.Count.EqualTo(1));
        Assert.That((string?)groups[0]!["value"], Is.EqualTo(group));
        Assert.That((string?)groups[0]!["display"], Is.EqualTo("Engineering"));
        Assert.That((string?)groups[0]!["type"], Is.EqualTo("direct"));
        Assert.That((string?)groups[0]!["$ref"], Does.EndWith($"/Groups/{group}"));
        Assert.That(excluded["groups"], Is.Null);
        Assert.That((string?)listed["Resources"]![0]!["groups"]![0]!["value"], Is.EqualTo(group));
        Assert.That(all["Resources"]!.AsArray().Select(r => (string?)r!["groups"]![0]!["display"]), Is.EquivalentTo(new[] { "Engineering", "Sales" }));
        Assert.That(scanned["Resources"]!.AsArray(), Has.Count.EqualTo(2));
        Assert.That(counter.Groups!.GroupQueries, Is.EqualTo(2), "one query for the groups of a page's users, per list");
    }

    [TestCase("active gt true", TestName = "Users_FilterGtOnABoolean_IsInvalidFilter")]
    [TestCase("active le false", TestName = "Users_FilterLeOnABoolean_IsInvalidFilter")]
    [TestCase("name gt \"a\"", TestName = "Users_FilterGtOnAComplexAttribute_IsInvalidFilter")]
    [TestCase("emails[primary ge true]", TestName = "Users_FilterGeOnABooleanSubAttribute_IsInvalidFilter")]
    public async Task Users_OrderingOnBooleanOrComplex_IsInvalidFilter(string filter)
    {
        var (host, _) = await StartAsync(new DirectorySyncOptions());
        await using var __ = host;

        var (status, body) = await GetAsync(host, "/Users?" + Filter(filter));

        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest), body.ToJsonString());
        Assert.That((string?)body["scimType"], Is.EqualTo("invalidFilter"));
        Assert.That((string?)body["detail"], Does.EndWith($"({ScimErrorCodes.InvalidFilter})"));
    }

    [Test]
    public async Task Users_SortByIsAdvertisedUnsupportedAndIgnored()
    {
        var (host, _) = await StartAsync(new DirectorySyncOptions());
        await using var __ = host;
        var ids = new[] { await CreateUserAsync(host, 1), await CreateUserAsync(host, 2) };

        var (_, config) = await GetAsync(host, "/ServiceProviderConfig");
        var (status, body) = await GetAsync(host, "/Users?sortBy=userName&sortOrder=descending");

        Assert.That((bool)config["sort"]!["supported"]!, Is.False);
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(Ids(body), Is.EqualTo(ids.Order(StringComparer.Ordinal)), "ordered by id as without sortBy");
    }

    private sealed class Counting
    {
        public CountingUserQuery? Users { get; set; }

        public CountingGroupStore? Groups { get; set; }

        public void Reset()
        {
            Users?.Reset();
            Groups?.Reset();
        }
    }

    private sealed class CountingUserQuery(IDirectorySyncUserQuery inner) : IDirectorySyncUserQuery
    {
        public int Rows { get; private set; }

        public int LargestRead { get; private set; }

        public void Reset() => (Rows, LargestRead) = (0, 0);

        private T Count<T>(T result, int rows)
        {
            Rows += rows;
            LargestRead = Math.Max(LargestRead, rows);
            return result;
        }

        public async Task<FederatedUser?> FindByExternalIdAsync(DirectoryId directoryId, string externalId, CancellationToken cancellationToken = default)
        {
            var user = await inner.FindByExternalIdAsync(directoryId, externalId, cancellationToken);
            return Count(user, user is null ? 0 : 1);
        }

        public async Task<FederatedUser?> FindByUserNameAsync(DirectoryId directoryId, string userName, CancellationToken cancellationToken = default)
        {
            var user = await inner.FindByUserNameAsync(directoryId, userName, cancellationToken);
            return Count(user, user is null ? 0 : 1);
        }

        public async Task<IReadOnlyList<FederatedUser>> ListByEmailAsync(DirectoryId directoryId, string email, CancellationToken cancellationToken = default)
        {
            var users = await inner.ListByEmailAsync(directoryId, email, cancellationToken);
            return Count(users, users.Count);
        }

        public async Task<(IReadOnlyList<FederatedUser> Users, int Total)> ListAsync(DirectoryId directoryId, int offset, int count, CancellationToken cancellationToken = default)
        {
            var page = await inner.ListAsync(directoryId, offset, count, cancellationToken);
            return Count(page, page.Users.Count);
        }

        public async Task<(IReadOnlyList<FederatedUser> Users, int Total)> QueryAsync(
            DirectoryId directoryId, DirectorySyncUserCriteria criteria, int offset, int count, CancellationToken cancellationToken = default)
        {
            var page = await inner.QueryAsync(directoryId, criteria, offset, count, cancellationToken);
            return Count(page, page.Users.Count);
        }
    }

    private sealed class CountingGroupStore(IDirectoryGroupStore inner) : IDirectoryGroupStore
    {
        public int GroupRows { get; private set; }

        public int MemberReads { get; private set; }

        public int MemberRows { get; private set; }

        public int GroupQueries { get; private set; }

        public void Reset() => (GroupRows, MemberReads, MemberRows, GroupQueries) = (0, 0, 0, 0);

        public Task<DirectoryGroup?> FindAsync(DirectoryGroupId id, CancellationToken cancellationToken = default) => inner.FindAsync(id, cancellationToken);

        public Task<DirectoryGroup?> FindByDisplayNameAsync(DirectoryId directoryId, string displayName, CancellationToken cancellationToken = default) =>
            inner.FindByDisplayNameAsync(directoryId, displayName, cancellationToken);

        public Task<DirectoryGroup?> FindByExternalIdAsync(DirectoryId directoryId, string externalId, CancellationToken cancellationToken = default) =>
            inner.FindByExternalIdAsync(directoryId, externalId, cancellationToken);

        public async Task<(IReadOnlyList<DirectoryGroup> Groups, int Total)> ListAsync(DirectoryId directoryId, int offset, int count, CancellationToken cancellationToken = default)
        {
            var page = await inner.ListAsync(directoryId, offset, count, cancellationToken);
            GroupRows += page.Groups.Count;
            return page;
        }

        public async Task<(IReadOnlyList<DirectoryGroup> Groups, int Total)> QueryAsync(
            DirectoryId directoryId, DirectoryGroupCriteria criteria, int offset, int count, CancellationToken cancellationToken = default)
        {
            var page = await inner.QueryAsync(directoryId, criteria, offset, count, cancellationToken);
            GroupRows += page.Groups.Count;

            return page;
        }

        public async Task<(IReadOnlyList<UserId> Members, int Total)> ListMembersAsync(DirectoryGroupId id, int offset, int count, CancellationToken cancellationToken = default)
        {
            MemberReads++;
            var page = await inner.ListMembersAsync(id, offset, count, cancellationToken);
            MemberRows += page.Members.Count;
            return page;
        }

        public async Task<IReadOnlyList<DirectoryGroup>> ListByMemberAsync(UserId userId, CancellationToken cancellationToken = default)
        {
            var groups = await inner.ListByMemberAsync(userId, cancellationToken);
            GroupRows += groups.Count;
            return groups;
        }

        public Task<IReadOnlyDictionary<UserId, IReadOnlyList<DirectoryGroup>>> ListByMembersAsync(
            IReadOnlyCollection<UserId> userIds, int maxPerUser, CancellationToken cancellationToken = default)
        {
            GroupQueries++;
            return inner.ListByMembersAsync(userIds, maxPerUser, cancellationToken);
        }

        public Task<Result<DirectoryGroup>> AddAsync(DirectoryGroup group, IReadOnlyCollection<UserId> members, CancellationToken cancellationToken = default) =>
            inner.AddAsync(group, members, cancellationToken);

        public Task<Result<DirectoryGroupMemberChange>> UpdateAsync(
            DirectoryGroup group, IReadOnlyCollection<UserId> addMembers, IReadOnlyCollection<UserId> removeMembers, CancellationToken cancellationToken = default) =>
            inner.UpdateAsync(group, addMembers, removeMembers, cancellationToken);

        public Task<Result> DeleteAsync(DirectoryGroupId id, long expectedVersion, CancellationToken cancellationToken = default) =>
            inner.DeleteAsync(id, expectedVersion, cancellationToken);

        public Task<IReadOnlyList<DirectoryGroupId>> RemoveMemberEverywhereAsync(UserId userId, CancellationToken cancellationToken = default) =>
            inner.RemoveMemberEverywhereAsync(userId, cancellationToken);
    }
}
