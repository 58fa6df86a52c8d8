package io.clearing.simulations.report;

import org.apache.commons.math3.distribution.TDistribution;

/**
 * Mean and 95 % confidence interval over replications (Student t), ignoring values that are not applicable (NaN).
 */
final class Statistics
{
    private Statistics()
    {
    }

    /**
     * A mean with its interval.
     *
     * @param mean  the mean over applicable replications (NaN if none).
     * @param lower lower end of the 95 % confidence interval of the mean.
     * @param upper upper end.
     * @param n     replications that had a value.
     */
    record Interval(double mean, double lower, double upper, int n)
    {
    }

    static Interval of(final double[] values)
    {
        double sum = 0;
        int n = 0;
        for (final double value : values)
        {
            if (!Double.isNaN(value))
            {
                sum += value;
                n++;
            }
        }
        if (n == 0)
        {
            return new Interval(Double.NaN, Double.NaN, Double.NaN, 0);
        }
        final double mean = sum / n;
        if (n == 1)
        {
            return new Interval(mean, mean, mean, 1);
        }
        double squares = 0;
        for (final double value : values)
        {
            if (!Double.isNaN(value))
            {
                squares += (value - mean) * (value - mean);
            }
        }
        final double standardError = Math.sqrt(squares / (n - 1) / n);
        final double t = new TDistribution(null, n - 1).inverseCumulativeProbability(0.975);
        return new Interval(mean, mean - t * standardError, mean + t * standardError, n);
    }
}
