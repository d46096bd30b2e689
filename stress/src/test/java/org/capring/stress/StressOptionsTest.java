package org.capring.stress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.capring.stress.load.Arrivals;
import org.capring.stress.scenario.Scenario;
import org.capring.stress.sut.Fault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StressOptionsTest {

    @Test
    void parse_nothing_defaults() throws UsageException {
        final StressOptions o = StressOptions.parse();
        assertEquals(Scenario.STEADY, o.scenario());
        assertTrue(o.rate().isEmpty());
        assertEquals(StressOptions.DEFAULT_FRACTION, o.fraction());
        assertEquals(Duration.ofSeconds(30), o.duration());
        assertEquals(Arrivals.CONSTANT, o.arrivals());
        assertTrue(o.seed().isEmpty());
        assertEquals(StressOptions.SystemChoice.SERVICE_CORE, o.system());
    }

    @Test
    void parse_everyFlag_taken() throws UsageException {
        final StressOptions o = StressOptions.parse("hung-handler", "--rate", "1500.5", "--duration", "2m", "--seed",
            "-7", "--out", "/tmp/x", "--arrivals", "poisson", "--grace", "250ms", "--loss-timeout", "3s", "--lag-bound",
            "20ms", "--latency-bound", "5ms", "--interval", "500ms", "--gap", "100ms..1s", "--slots", "64", "--inject",
            "execute-twice:12", "--service-time", "2ms", "--quiet");
        assertEquals(Scenario.HUNG_HANDLER, o.scenario());
        assertEquals(1500.5, o.rate().getAsDouble());
        assertEquals(Duration.ofMinutes(2), o.duration());
        assertEquals(-7L, o.seed().orElseThrow());
        assertEquals(Arrivals.POISSON, o.arrivals());
        assertEquals(Duration.ofMillis(250), o.grace());
        assertEquals(Duration.ofMillis(100), o.gapMin());
        assertEquals(Duration.ofSeconds(1), o.gapMax());
        assertEquals(64, o.slots());
        assertEquals(new Fault(Fault.Kind.EXECUTE_TWICE, 12), o.fault().orElseThrow());
        assertEquals(Duration.ofMillis(2), o.serviceTime());
        assertTrue(o.quiet());
    }

    @Test
    void parse_acceptance_needsTwoHundredEventsAndStretchesTheDuration() throws UsageException {
        final StressOptions o = StressOptions.parse("--acceptance");
        assertEquals(StressOptions.ACCEPTANCE_EVENTS, o.events().orElseThrow());
        assertTrue(o.effectiveDuration().compareTo(o.gapMax().multipliedBy(StressOptions.ACCEPTANCE_EVENTS)) > 0);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
        "--rate|abc|--rate",
        "--rate|0|--rate",
        "--rate|-5|--rate",
        "--fraction|3|--fraction",
        "--fraction|x|--fraction",
        "--duration|30|--duration",
        "--duration|0s|--duration",
        "--duration|10y|--duration",
        "--seed|1.5|--seed",
        "--arrivals|bursty|--arrivals",
        "--system|kafka|--system",
        "--gap|100ms|--gap",
        "--gap|1s..100ms|--gap",
        "--slots|0|--slots",
        "--slots|99999|--slots",
        "--events|-1|--events",
        "--inject|explode:3|--inject",
        "--inject|execute-twice:-3|--inject",
        "--fractions|0.7,abc|--fractions",
        "--bogus|1|--bogus",
        "flood|--quiet|flood"})
    void parse_badValue_usageErrorNamingTheFlag(final String flag, final String value, final String named) {
        final UsageException e = assertThrows(UsageException.class, () -> StressOptions.parse(flag, value));
        assertEquals(named, e.flag(), e.getMessage());
        assertTrue(e.getMessage().startsWith(named + ": "), e.getMessage());
    }

    @Test
    void parse_flagWithoutValue_usageError() {
        final UsageException e = assertThrows(UsageException.class, () -> StressOptions.parse("--rate"));
        assertEquals("--rate", e.flag());
        assertThrows(UsageException.class, () -> StressOptions.parse("--duration", "--quiet"));
    }

    @Test
    void parse_rateAndFraction_usageError() {
        final UsageException e = assertThrows(UsageException.class,
            () -> StressOptions.parse("--rate", "100", "--fraction", "0.5"));
        assertEquals("--fraction", e.flag());
    }

    @Test
    void parse_twoScenarios_usageErrorNamingTheSecond() {
        final UsageException e = assertThrows(UsageException.class, () -> StressOptions.parse("drain", "revoke"));
        assertEquals("revoke", e.flag());
    }

    @Test
    void parse_acceptanceWithAScenarioOrAFault_usageError() {
        assertEquals("--acceptance", assertThrows(UsageException.class,
            () -> StressOptions.parse("--acceptance", "drain")).flag());
        assertEquals("--inject", assertThrows(UsageException.class,
            () -> StressOptions.parse("--acceptance", "--inject", "drop-completion:1")).flag());
    }

    @Test
    void parse_lossTimeoutBelowTwiceTheGrace_usageError() throws UsageException {
        final UsageException e = assertThrows(UsageException.class,
            () -> StressOptions.parse("--grace", "1s", "--loss-timeout", "1500ms"));
        assertEquals("--loss-timeout", e.flag());
        // Exactly twice is too little: a hung call, intended up to 20 ms before its drain, would end by itself.
        assertEquals("--loss-timeout", assertThrows(UsageException.class,
            () -> StressOptions.parse("--grace", "1s", "--loss-timeout", "2s")).flag());
        assertEquals(Duration.ofMillis(2140),
            StressOptions.parse("--grace", "1s", "--loss-timeout", "2140ms").lossTimeout());
    }
}
