namespace FederationKit.Background;

/// <summary>What one run of an <see cref="IFederationBackgroundJob"/> did.</summary>
/// <param name="Checked">Items the run looked at because they were due.</param>
/// <param name="Changed">Items the run changed.</param>
/// <param name="Failures">Items that failed, each with its error; they are tried again later.</param>
public sealed record BackgroundJobReport(int Checked, int Changed, IReadOnlyList<BackgroundJobFailure> Failures)
{
    /// <summary>A run that found nothing due.</summary>
    public static BackgroundJobReport Empty { get; } = new(0, 0, []);
}
