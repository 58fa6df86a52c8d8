package io.clearing.simulations.report;

import io.clearing.simulations.model.Metric;
import io.clearing.simulations.run.ReplicationResult;
import io.clearing.simulations.run.SimulationResult;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.io.IOException;
import java.util.List;

/**
 * PNG line charts (XChart, headless): the mean over replications of a monthly metric with its 95 % confidence band,
 * or a summary value against a swept parameter.
 */
final class Charts
{
    private static final Color MEAN = new Color(31, 90, 160);
    private static final Color BAND = new Color(120, 160, 210);

    static
    {
        System.setProperty("java.awt.headless", "true");
    }

    private Charts()
    {
    }

    /**
     * @return the PNG of one metric's monthly mean and band over the replications.
     */
    static byte[] timeSeries(final SimulationResult result, final Metric metric) throws IOException
    {
        final List<ReplicationResult> replications = result.replications();
        final int months = replications.get(0).series().length;
        final double[] x = new double[months];
        final double[] mean = new double[months];
        final double[] lower = new double[months];
        final double[] upper = new double[months];
        final double[] values = new double[replications.size()];
        for (int m = 0; m < months; m++)
        {
            for (int r = 0; r < values.length; r++)
            {
                values[r] = replications.get(r).series()[m][metric.ordinal()];
            }
            final Statistics.Interval interval = Statistics.of(values);
            x[m] = m + 1;
            mean[m] = interval.mean();
            lower[m] = interval.lower();
            upper[m] = interval.upper();
        }
        return band(metric.column(), "month", metric.column(), x, mean, lower, upper);
    }

    /**
     * @return the PNG of a line with its band against any x values.
     */
    static byte[] band(final String title, final String xTitle, final String yTitle, final double[] x,
        final double[] mean, final double[] lower, final double[] upper) throws IOException
    {
        final XYChart chart = new XYChartBuilder().width(640).height(340).title(title).xAxisTitle(xTitle)
            .yAxisTitle(yTitle).build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE).setLegendVisible(true);
        final XYSeries low = chart.addSeries("95% CI", x, lower);
        style(low, BAND, true).setShowInLegend(true);
        final XYSeries high = chart.addSeries("95% CI upper", x, upper);
        style(high, BAND, true).setShowInLegend(false);
        style(chart.addSeries("mean", x, mean), MEAN, false);
        return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
    }

    private static XYSeries style(final XYSeries series, final Color color, final boolean dashed)
    {
        series.setMarker(SeriesMarkers.NONE);
        series.setLineColor(color);
        if (dashed)
        {
            series.setLineStyle(SeriesLines.DASH_DASH);
        }
        return series;
    }
}
