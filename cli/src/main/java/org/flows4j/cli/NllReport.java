package org.flows4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.flows4j.training.NllSummary;

/** How {@code evaluate} and {@code score} print an {@link NllSummary}: lines for people, one JSON object for pipelines. */
final class NllReport {
    private static final int TOP_COLUMNS = 3;

    private NllReport() {
    }

    /** The out-of-range part of a summary, as one clause. */
    static String outOfRange(NllSummary s) {
        if (!s.rangeKnown()) {
            return "the model file records no training range (written by an earlier version; refit to flag rows "
                    + "outside it)";
        }
        if (s.outOfRangeRows() == 0) {
            return "all rows inside the training range";
        }
        String columns = s.outOfRangeColumns().stream().limit(TOP_COLUMNS)
                .map(c -> c.column() + " (" + c.rows() + (c.rows() == 1 ? " row)" : " rows)"))
                .collect(Collectors.joining(", "));
        return String.format(Locale.ROOT, "%d row%s (%.1f%%) outside the training range, most often in %s; largest "
                + "excess %.3g training SDs", s.outOfRangeRows(), s.outOfRangeRows() == 1 ? "" : "s",
                100.0 * s.outOfRangeRows() / s.rows(), columns, s.maxExcessSd());
    }

    /** The summary as lines: mean ± error, median and in-range mean, out-of-range rows, and the warnings. */
    static List<String> lines(String data, NllSummary s, int dims) {
        List<String> out = new ArrayList<>();
        out.add(String.format(Locale.ROOT, "%s: %d rows | mean NLL %.4f ± %.4f nats | %.4f ± %.4f nats per dimension "
                + "(%d)", data, s.rows(), s.mean(), s.stderr(), s.mean() / dims, s.stderr() / dims, dims));
        out.add(String.format(Locale.ROOT, "median NLL %.4f nats | in-range rows: %d, mean NLL %.4f ± %.4f nats",
                s.median(), s.inRangeRows(), s.inRangeMean(), s.inRangeStderr()));
        out.add(outOfRange(s));
        if (s.infiniteRows() > 0) {
            out.add(String.format(Locale.ROOT, "warning: %d row%s of log-density -Infinity (below what floating point "
                    + "represents, even in float64): the mean is infinite; use the median or the in-range mean",
                    s.infiniteRows(), s.infiniteRows() == 1 ? "" : "s"));
        }
        if (s.dominated()) {
            out.add(String.format(Locale.ROOT, "warning: the mean is dominated by a few rows: without the worst %d "
                    + "(0.5%%) it is %.4f nats, %.4g away, more than its standard error %.4g", s.trimmedRows(),
                    s.trimmedMean(), Math.abs(s.mean() - s.trimmedMean()), s.stderr()));
        }
        return out;
    }

    /** The summary as one JSON object; a number that is not finite is written as null. */
    static String json(String data, NllSummary s, int dims) throws com.fasterxml.jackson.core.JsonProcessingException {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode o = mapper.createObjectNode();
        o.put("data", data);
        o.put("rows", s.rows());
        o.put("dims", dims);
        number(o, "meanNll", s.mean());
        number(o, "stderr", s.stderr());
        number(o, "meanNllPerDim", s.mean() / dims);
        number(o, "stderrPerDim", s.stderr() / dims);
        number(o, "medianNll", s.median());
        o.put("rangeKnown", s.rangeKnown());
        o.put("inRangeRows", s.inRangeRows());
        number(o, "inRangeMeanNll", s.inRangeMean());
        number(o, "inRangeStderr", s.inRangeStderr());
        o.put("outOfRangeRows", s.outOfRangeRows());
        ArrayNode columns = o.putArray("outOfRangeColumns");
        s.outOfRangeColumns().forEach(c -> columns.addObject().put("column", c.column()).put("rows", c.rows()));
        number(o, "maxRangeExcessSd", s.maxExcessSd());
        o.put("infiniteRows", s.infiniteRows());
        o.put("trimmedRows", s.trimmedRows());
        number(o, "trimmedMeanNll", s.trimmedMean());
        o.put("meanDominatedByFewRows", s.dominated());
        return mapper.writeValueAsString(o);
    }

    private static void number(ObjectNode o, String key, double v) {
        if (Double.isFinite(v)) {
            o.put(key, v);
        } else {
            o.putNull(key);
        }
    }
}
