namespace FederationKit.RolloutMorning;

/// <summary>Percentiles of measured times.</summary>
internal static class Stats
{
    /// <summary>The <paramref name="quantile"/> (0 to 1) of <paramref name="values"/>, nearest rank.</summary>
    public static double Percentile(IEnumerable<double> values, double quantile)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(quantile * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}
