using System.Collections;
using System.Collections.Immutable;
using System.Reflection;
using System.Text.Json;
using FederationKit.Events;
using FederationKit.Events.Outbox;
using FederationKit.Organizations;

namespace FederationKit.Tests.Events;

/// <summary>
/// Every event record in the core is registered for the outbox and reads back from its JSON as the same record with the same
/// envelope: a new event type without a registration fails here.
/// </summary>
public sealed class FederationEventJsonTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 1, 9, 30, 15, 123, TimeSpan.Zero);

    private static IEnumerable<Type> EventTypes() =>
        typeof(FederationEvent).Assembly.GetTypes()
            .Where(t => typeof(FederationEvent).IsAssignableFrom(t) && !t.IsAbstract)
            .OrderBy(t => t.FullName, StringComparer.Ordinal);

    [Test]
    public void EventTypes_FoundByReflection_AreThere() =>
        Assert.That(EventTypes().Count(), Is.GreaterThanOrEqualTo(38));

    [TestCaseSource(nameof(EventTypes))]
    public void Registry_EveryCoreEventType_IsRegistered(Type eventType) =>
        Assert.That(FederationEventTypeRegistry.Core.Find(eventType), Is.Not.Null, $"register {eventType.Name} in FederationEventTypeRegistry");

    [TestCaseSource(nameof(EventTypes))]
    public void Deserialize_SerializedEvent_SameRecordAndEnvelope(Type eventType)
    {
        var original = (FederationEvent)Sample(eventType, 0)! with
        {
            CorrelationId = "4bf92f3577b34da6a3ce929d0e0e4736",
            Actor = EventActor.ScimToken("token-7"),
            OwnedBy = OwnerRef.Parent(new ParentOrganizationId(Guid.NewGuid())),
        };

        var stored = FederationEventTypeRegistry.Core.Serialize(original);
        Assert.That(stored.IsSuccess, Is.True, () => stored.Error.ToString());
        var read = FederationEventTypeRegistry.Core.Deserialize(stored.Value.Registration.Name, stored.Value.Registration.SchemaVersion, stored.Value.Json);

        Assert.That(read.IsSuccess, Is.True, () => read.Error.ToString());
        Assert.Multiple(() =>
        {
            Assert.That(read.Value.GetType(), Is.EqualTo(eventType));
            if (!eventType.GetProperties().Any(p => p.PropertyType.IsGenericType && typeof(IEnumerable).IsAssignableFrom(p.PropertyType)))
            {
                // Records with lists compare them by reference; the JSON comparison below covers them.
                Assert.That(read.Value, Is.EqualTo(original));
            }

            Assert.That(read.Value.EventId, Is.EqualTo(original.EventId));
            Assert.That(read.Value.Actor, Is.EqualTo(original.Actor));
            Assert.That(read.Value.CorrelationId, Is.EqualTo(original.CorrelationId));
            Assert.That(read.Value.OwnedBy, Is.EqualTo(original.OwnedBy));
            Assert.That(FederationEventTypeRegistry.Core.Serialize(read.Value).Value.Json, Is.EqualTo(stored.Value.Json), "every property survives");
        });
    }

    [Test]
    public void Deserialize_NewerSchemaVersion_EventUnreadable()
    {
        var stored = FederationEventTypeRegistry.Core.Serialize(new OrganizationLinked(OrganizationId.New(), ParentOrganizationId.New(), At)).Value;

        var read = FederationEventTypeRegistry.Core.Deserialize(stored.Registration.Name, stored.Registration.SchemaVersion + 1, stored.Json);

        Assert.That(read.Error.Code, Is.EqualTo(OutboxErrorCodes.EventUnreadable));
    }

    [TestCase("organization.Nope", "{}")]
    [TestCase("organization.OrganizationLinked", "{not json")]
    [TestCase("organization.OrganizationLinked", "[]")]
    public void Deserialize_UnknownNameOrBadJson_EventUnreadable(string name, string json) =>
        Assert.That(FederationEventTypeRegistry.Core.Deserialize(name, 1, json).Error.Code, Is.EqualTo(OutboxErrorCodes.EventUnreadable));

    [Test]
    public void Registry_SameNameTwice_Refused() =>
        Assert.That(() => new FederationEventTypeRegistry([new FederationEventTypeRegistration(typeof(TestOnlyEvent), "organization.OrganizationLinked")]), Throws.ArgumentException);

    [Test]
    public void Actor_EventNamingItsActingUser_IsThatUser()
    {
        var admin = UserId.New();

        var added = new OrganizationMemberAdded(OrganizationId.New(), UserId.New(), OrganizationRole.Member, admin, At);

        Assert.That(added.Actor, Is.EqualTo(EventActor.User(admin)));
        Assert.That(new OrganizationLinked(OrganizationId.New(), ParentOrganizationId.New(), At).Actor, Is.EqualTo(EventActor.System));
    }

    [Test]
    public void EventId_TwoEventsWithTheSameFacts_DifferentIdsButEqual()
    {
        var organization = OrganizationId.New();
        var parent = ParentOrganizationId.New();

        var first = new OrganizationLinked(organization, parent, At);
        var second = new OrganizationLinked(organization, parent, At);

        Assert.That(first.EventId, Is.Not.EqualTo(second.EventId));
        Assert.That(first, Is.EqualTo(second));
        Assert.That(first.EventId.Version, Is.EqualTo(7));
    }

    private sealed record TestOnlyEvent(DateTimeOffset OccurredAt) : FederationEvent("test.only", OccurredAt);

    // A value for every constructor parameter: IDs from GUIDs, the first enum value but one, short strings, one-item lists.
    private static object? Sample(Type type, int depth)
    {
        var nullable = Nullable.GetUnderlyingType(type);
        if (nullable is not null)
        {
            return Sample(nullable, depth);
        }

        if (type == typeof(string))
        {
            return "value-" + depth;
        }

        if (type == typeof(DateTimeOffset))
        {
            return At;
        }

        if (type == typeof(bool))
        {
            return true;
        }

        if (type == typeof(int))
        {
            return 3;
        }

        if (type == typeof(long))
        {
            return 4L;
        }

        if (type == typeof(Guid))
        {
            return Guid.NewGuid();
        }

        if (type == typeof(Uri))
        {
            return new Uri("https://idp.example/metadata");
        }

        if (type.IsEnum)
        {
            var values = Enum.GetValues(type);
            return values.GetValue(Math.Min(1, values.Length - 1));
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ImmutableArray<>))
        {
            var item = Sample(type.GetGenericArguments()[0], depth + 1);
            var create = typeof(ImmutableArray).GetMethods().Single(m => m.Name == nameof(ImmutableArray.Create) && m.GetParameters().Length == 1 && !m.GetParameters()[0].ParameterType.IsArray && !m.GetParameters()[0].ParameterType.IsGenericType);
            return create.MakeGenericMethod(type.GetGenericArguments()[0]).Invoke(null, [item]);
        }

        if (type.IsGenericType && (type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>) || type.GetGenericTypeDefinition() == typeof(IEnumerable<>)))
        {
            var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(type.GetGenericArguments()[0]))!;
            list.Add(Sample(type.GetGenericArguments()[0], depth + 1));
            return list;
        }

        var constructor = type.GetConstructors(BindingFlags.Public | BindingFlags.Instance).OrderByDescending(c => c.GetParameters().Length).First();
        var arguments = constructor.GetParameters().Select(p => p.Name == "Type" && p.ParameterType == typeof(string) ? "test.sample" : Sample(p.ParameterType, depth + 1)).ToArray();
        return constructor.Invoke(arguments);
    }
}
