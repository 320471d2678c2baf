package org.shiftscope.app;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.shiftscope.workflow.gate.Gate;
import picocli.CommandLine.Option;

/**
 * {@code --fail-on GATE[,GATE]}: conditions that make the command exit 1 with one line per failed gate, so
 * {@code shiftscope detect ... || exit 1} blocks a pipeline.
 */
final class GateOption {

    /** Exit code when a gate failed. */
    static final int FAILED = 1;

    @Option(names = "--fail-on", paramLabel = "GATE", split = ",", description = "Exit 1 when a gate fails: for"
            + " detect drift, mmd or classifier; for audit a disparity and a threshold (fpr_ratio>1.25,"
            + " selection_rate_ratio<0.8, demographic_parity_difference>0.1; on the target, or the one file); for"
            + " explain w2sq>X.")
    List<String> failOn = new ArrayList<>();

    List<Gate> gates() {
        return Gate.parseAll(failOn);
    }

    /** Adds the verdicts to a command's JSON output. */
    static void json(ObjectNode root, List<Gate.Verdict> verdicts) {
        if (verdicts.isEmpty()) {
            return;
        }
        ArrayNode a = root.putArray("gates");
        for (Gate.Verdict v : verdicts) {
            ObjectNode o = a.addObject();
            o.put("gate", v.gate().text());
            o.put("failed", v.failed());
            o.put("reason", v.reason());
        }
    }

    /** One stderr line per failed gate; the exit code (0, or {@value #FAILED} when any failed). */
    static int exit(List<Gate.Verdict> verdicts, PrintWriter err) {
        int code = 0;
        for (Gate.Verdict v : verdicts) {
            if (v.failed()) {
                err.println("gate failed: " + v.gate().text() + ": " + v.reason());
                code = FAILED;
            }
        }
        err.flush();
        return code;
    }
}
