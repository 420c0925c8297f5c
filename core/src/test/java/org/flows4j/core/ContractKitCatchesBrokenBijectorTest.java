package org.flows4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

/** The kit must reject a bijector with a wrong log-det, and say why with a shrunk, readable counterexample. */
class ContractKitCatchesBrokenBijectorTest {

    private static Events run(String property) {
        return EngineTestKit.engine("jqwik")
                .configurationParameter("jqwik.reporting.usejunitplatform", "true")
                .selectors(selectMethod(BrokenLogDetContract.class.getName() + "#" + property
                        + "(org.flows4j.testkit.BijectorCase)"))
                .execute()
                .allEvents();
    }

    @Test
    void logDetPropertyFailsWithShrunkCounterexample() {
        Events events = run("logDetMatchesNumericalJacobian");
        assertEquals(1, events.failed().filter(e -> e.getTestDescriptor().isTest()).count(), "the log-det property must fail for a wrong log-det");
        Throwable cause = events.failed().stream().findFirst().orElseThrow()
                .getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow()
                .getThrowable().orElseThrow();
        assertTrue(cause.getMessage().contains("log|det J|"), cause.getMessage());
        List<String> reports = events.reportingEntryPublished().stream()
                .map(Event::getPayload).map(p -> p.orElseThrow().toString()).toList();
        String report = String.join("\n", reports) + "\n" + cause;
        assertTrue(report.contains("BijectorCase[batch=1, eventShape=[2], seed=0]"),
                "the counterexample must shrink to the smallest case and print readably: " + report);
    }

    @Test
    void roundTripStillPassesSoTheKitIsSpecific() {
        Events events = run("inverseUndoesForward");
        assertEquals(0, events.failed().filter(e -> e.getTestDescriptor().isTest()).count());
        assertEquals(1, events.succeeded().filter(e -> e.getTestDescriptor().isTest()).count());
    }

    @Test
    void inverseLogDetConsistencyAloneCannotCatchIt() {
        // The wrong log-det is consistently wrong in both directions, so only the Jacobian check can see it.
        Events events = run("inverseLogDetIsNegatedForwardLogDet");
        assertEquals(0, events.failed().filter(e -> e.getTestDescriptor().isTest()).count());
    }
}
