package org.capring.stress;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.capring.stress.load.Arrivals;
import org.capring.stress.scenario.PlanSpec;
import org.capring.stress.scenario.Scenario;
import org.capring.stress.sut.Fault;

/**
 * The parsed command line of {@code ./capring stress}. {@link #parse} validates every flag and names the one at
 * fault ({@link UsageException}); the record holds only valid values.
 *
 * @param scenario     which scenario (default {@code steady})
 * @param rate         calls per second, if given (else a fraction of the saturation rate)
 * @param fraction     fraction of the saturation rate (default {@value #DEFAULT_FRACTION})
 * @param duration     load duration (default 30 s)
 * @param events       at least this many events: the duration is made long enough for them, if given
 * @param seed         the seed, if given (else one is drawn and reported)
 * @param out          the output directory, if given
 * @param arrivals     constant or Poisson
 * @param system       which system under test (default service-core)
 * @param grace        drain and handoff grace period (default 100 ms)
 * @param lossTimeout  how long a call may go without an outcome (default 10 s)
 * @param lagBound     bound of the generator's lag p99 per interval (default 50 ms)
 * @param latencyBound p99 bound of the saturation search, corrected, steady window (default 1 ms)
 * @param interval     logging interval (default 1 s)
 * @param serviceTime  how long every handler works before it answers (default 0)
 * @param gapMin       shortest gap between events
 * @param gapMax       longest gap between events
 * @param slots        client call slots (of the ring-core ring, or of the service-core client's ring)
 * @param fault        a fault to inject, if any
 * @param acceptance   run the acceptance suite instead of one scenario
 * @param fractions    the acceptance suite's fractions of the saturation rate (default 0.7, 0.9)
 * @param quiet        no progress lines
 * @param help         print the usage and exit
 */
public record StressOptions(Scenario scenario, OptionalDouble rate, double fraction, Duration duration,
                            Optional<Integer> events, Optional<Long> seed, Optional<Path> out, Arrivals arrivals,
                            SystemChoice system, Duration grace, Duration lossTimeout, Duration lagBound,
                            Duration latencyBound, Duration interval, Duration serviceTime, Duration gapMin, Duration gapMax, int slots,
                            Optional<Fault> fault, boolean acceptance, List<Double> fractions, boolean quiet,
                            boolean help) {
    /** Default fraction of the saturation rate. */
    public static final double DEFAULT_FRACTION = 0.7;
    /** Events the acceptance suite needs of each run, unless {@code --events} says otherwise. */
    public static final int ACCEPTANCE_EVENTS = 200;

    /** Margin, on top of the grace and the hung calls' lead, that a hung call's hang must outlast. */
    private static final long HUNG_MARGIN_MS = 50;
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)");

    /** The systems under test. */
    public enum SystemChoice {
        /** The service container: ServiceHost, its Echo and KeyValue services, a ServiceClient (the default). */
        SERVICE_CORE,
        /** Plain ring-core: RingServer, RingClient, CapSet (no handoffs). */
        RING_CORE;

        /** @return the name on the command line */
        public String flagName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** Copies the fractions. */
    public StressOptions {
        fractions = List.copyOf(fractions);
    }

    /**
     * @param args the arguments after {@code stress}
     * @return the options
     * @throws UsageException naming the flag at fault
     */
    public static StressOptions parse(final String... args) throws UsageException {
        Scenario scenario = Scenario.STEADY;
        boolean scenarioGiven = false;
        OptionalDouble rate = OptionalDouble.empty();
        OptionalDouble fraction = OptionalDouble.empty();
        Duration duration = Duration.ofSeconds(30);
        Optional<Integer> events = Optional.empty();
        Optional<Long> seed = Optional.empty();
        Optional<Path> out = Optional.empty();
        Arrivals arrivals = Arrivals.CONSTANT;
        SystemChoice system = SystemChoice.SERVICE_CORE;
        Duration grace = Duration.ofMillis(100);
        Duration lossTimeout = Duration.ofSeconds(10);
        Duration lagBound = Duration.ofMillis(50);
        Duration latencyBound = Duration.ofMillis(1);
        Duration interval = Duration.ofSeconds(1);
        Duration serviceTime = Duration.ZERO;
        Duration gapMin = PlanSpec.DEFAULT_GAP_MIN;
        Duration gapMax = PlanSpec.DEFAULT_GAP_MAX;
        int slots = org.capring.stress.sut.RingCoreSystem.Config.DEFAULT_SLOTS;
        Optional<Fault> fault = Optional.empty();
        boolean acceptance = false;
        List<Double> fractions = List.of(0.7, 0.9);
        boolean quiet = false;
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            final String arg = args[i];
            switch (arg) {
                case "-h", "--help" -> help = true;
                case "--rate" -> rate = OptionalDouble.of(positive(arg, value(args, ++i, arg), "calls per second"));
                case "--fraction" -> fraction = OptionalDouble.of(fraction(arg, value(args, ++i, arg)));
                case "--duration" -> duration = duration(arg, value(args, ++i, arg));
                case "--events" -> events = Optional.of(count(arg, value(args, ++i, arg), 1, 1_000_000));
                case "--seed" -> seed = Optional.of(seed(arg, value(args, ++i, arg)));
                case "--out" -> out = Optional.of(path(arg, value(args, ++i, arg)));
                case "--arrivals" -> arrivals = arrivals(arg, value(args, ++i, arg));
                case "--system" -> system = system(arg, value(args, ++i, arg));
                case "--grace" -> grace = duration(arg, value(args, ++i, arg));
                case "--loss-timeout" -> lossTimeout = duration(arg, value(args, ++i, arg));
                case "--lag-bound" -> lagBound = duration(arg, value(args, ++i, arg));
                case "--latency-bound" -> latencyBound = duration(arg, value(args, ++i, arg));
                case "--interval" -> interval = duration(arg, value(args, ++i, arg));
                case "--service-time" -> serviceTime = duration(arg, value(args, ++i, arg));
                case "--gap" -> {
                    final Duration[] range = range(arg, value(args, ++i, arg));
                    gapMin = range[0];
                    gapMax = range[1];
                }
                case "--slots" -> slots = count(arg, value(args, ++i, arg), 1, 4096);
                case "--inject" -> fault = Optional.of(fault(arg, value(args, ++i, arg)));
                case "--acceptance" -> acceptance = true;
                case "--fractions" -> fractions = fractions(arg, value(args, ++i, arg));
                case "--quiet" -> quiet = true;
                default -> {
                    if (arg.startsWith("-")) {
                        throw new UsageException(arg, "unknown option (./capring help lists them)");
                    }
                    if (scenarioGiven) {
                        throw new UsageException(arg, "a second scenario; give one of " + Scenario.flagNames());
                    }
                    scenario = Scenario.byFlagName(arg).orElseThrow(() -> new UsageException(arg,
                        "no such scenario; the scenarios are " + Scenario.flagNames()));
                    scenarioGiven = true;
                }
            }
        }
        if (rate.isPresent() && fraction.isPresent()) {
            throw new UsageException("--fraction", "give --rate or --fraction, not both");
        }
        if (acceptance && (scenarioGiven || fraction.isPresent())) {
            throw new UsageException("--acceptance", "runs its own scenarios at --fractions of the saturation rate; "
                + "give no scenario and no --fraction");
        }
        if (acceptance && fault.isPresent()) {
            throw new UsageException("--inject", "an injected fault makes every acceptance run fail; inject into one "
                + "scenario instead");
        }
        // A hung call hangs for half the loss timeout from its start, up to 20 ms before its drain begins: the hang
        // must outlast the drain's grace, or the call ends by itself just before the cancel it is there to test.
        final Duration minimumLoss = grace.plus(PlanSpec.DEFAULT_HUNG_LEAD).plusMillis(HUNG_MARGIN_MS).multipliedBy(2);
        if (lossTimeout.compareTo(minimumLoss) < 0) {
            throw new UsageException("--loss-timeout", "must be at least " + minimumLoss.toMillis() + " ms (twice the "
                + "grace, " + grace.toMillis() + " ms, plus the hung calls' lead and a margin): a hung call must "
                + "outlast the grace and be cancelled");
        }
        return new StressOptions(scenario, rate, fraction.orElse(DEFAULT_FRACTION), duration,
            events.isEmpty() && acceptance ? Optional.of(ACCEPTANCE_EVENTS) : events, seed, out, arrivals, system,
            grace, lossTimeout, lagBound, latencyBound, interval, serviceTime, gapMin, gapMax, slots, fault, acceptance, fractions,
            quiet, help);
    }

    /**
     * @return the load duration the run needs: the given duration, or longer if {@code --events} asks for more
     *     events than fit (events start after a warm-up and stop before an equal tail of at most 1 s each)
     */
    public Duration effectiveDuration() {
        if (events.isEmpty()) {
            return duration;
        }
        final Duration needed = gapMax.multipliedBy(events.get() + 1L).plusSeconds(2);
        return needed.compareTo(duration) > 0 ? needed : duration;
    }

    private static String value(final String[] args, final int i, final String flag) throws UsageException {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new UsageException(flag, "needs a value");
        }
        return args[i];
    }

    private static double positive(final String flag, final String text, final String what) throws UsageException {
        final double value;
        try {
            value = Double.parseDouble(text);
        } catch (final NumberFormatException e) {
            throw new UsageException(flag, "must be a positive number of " + what + ", not '" + text + "'");
        }
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new UsageException(flag, "must be a positive number of " + what + ", not '" + text + "'");
        }
        return value;
    }

    private static double fraction(final String flag, final String text) throws UsageException {
        final double value = positive(flag, text, "the saturation rate (e.g. 0.7)");
        if (value > 2) {
            throw new UsageException(flag, "is a fraction of the saturation rate (0.7 = 70 %); " + text
                + " is more than twice it");
        }
        return value;
    }

    private static List<Double> fractions(final String flag, final String text) throws UsageException {
        final List<Double> values = new ArrayList<>();
        for (final String part : text.split(",", -1)) {
            values.add(fraction(flag, part.strip()));
        }
        return values;
    }

    /**
     * @param flag the flag, for errors
     * @param text e.g. {@code 30s}, {@code 250ms}, {@code 2m}, {@code 1.5s}
     * @return the duration, positive
     * @throws UsageException if it is not a positive duration with a unit
     */
    static Duration duration(final String flag, final String text) throws UsageException {
        final Matcher m = DURATION.matcher(text);
        if (!m.matches()) {
            throw new UsageException(flag, "must be a duration with a unit (250ms, 30s, 2m, 1h), not '" + text + "'");
        }
        final double amount = Double.parseDouble(m.group(1));
        final double nanos = amount * switch (m.group(2)) {
            case "ms" -> 1e6;
            case "s" -> 1e9;
            case "m" -> 60e9;
            default -> 3600e9;
        };
        if (nanos < 1e6 || nanos > 24 * 3600e9) {
            throw new UsageException(flag, "must be between 1 ms and 24 h, not '" + text + "'");
        }
        return Duration.ofNanos((long) nanos);
    }

    private static Duration[] range(final String flag, final String text) throws UsageException {
        final int dots = text.indexOf("..");
        if (dots < 0) {
            throw new UsageException(flag, "must be a range MIN..MAX such as 150ms..450ms, not '" + text + "'");
        }
        final Duration min = duration(flag, text.substring(0, dots));
        final Duration max = duration(flag, text.substring(dots + 2));
        if (max.compareTo(min) < 0) {
            throw new UsageException(flag, "the range's maximum is below its minimum: '" + text + "'");
        }
        return new Duration[] {min, max};
    }

    private static int count(final String flag, final String text, final int min, final int max) throws UsageException {
        try {
            final int value = Integer.parseInt(text);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (final NumberFormatException e) {
            // reported below
        }
        throw new UsageException(flag, "must be a whole number in [" + min + ", " + max + "], not '" + text + "'");
    }

    private static long seed(final String flag, final String text) throws UsageException {
        try {
            return Long.parseLong(text);
        } catch (final NumberFormatException e) {
            throw new UsageException(flag, "must be a whole number (a 64-bit seed), not '" + text + "'");
        }
    }

    private static Path path(final String flag, final String text) throws UsageException {
        try {
            return Path.of(text);
        } catch (final java.nio.file.InvalidPathException e) {
            throw new UsageException(flag, "is not a valid path: " + e.getMessage());
        }
    }

    private static Arrivals arrivals(final String flag, final String text) throws UsageException {
        for (final Arrivals a : Arrivals.values()) {
            if (a.flagName().equals(text)) {
                return a;
            }
        }
        throw new UsageException(flag, "must be constant or poisson, not '" + text + "'");
    }

    private static SystemChoice system(final String flag, final String text) throws UsageException {
        for (final SystemChoice s : SystemChoice.values()) {
            if (s.flagName().equals(text)) {
                return s;
            }
        }
        throw new UsageException(flag, "must be one of " + java.util.Arrays.stream(SystemChoice.values())
            .map(SystemChoice::flagName).toList() + ", not '" + text + "'");
    }

    private static Fault fault(final String flag, final String text) throws UsageException {
        final int colon = text.indexOf(':');
        if (colon > 0) {
            final String kind = text.substring(0, colon);
            for (final Fault.Kind k : Fault.Kind.values()) {
                if (k.flagName().equals(kind)) {
                    try {
                        final long id = Long.parseLong(text.substring(colon + 1));
                        if (id >= 0) {
                            return new Fault(k, id);
                        }
                    } catch (final NumberFormatException e) {
                        // reported below
                    }
                }
            }
        }
        throw new UsageException(flag, "must be KIND:ID with KIND one of " + java.util.Arrays.stream(Fault.Kind.values())
            .map(Fault.Kind::flagName).toList() + " and ID a call id >= 0, not '" + text + "'");
    }
}
