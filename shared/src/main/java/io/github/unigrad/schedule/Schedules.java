package io.github.unigrad.schedule;

import io.github.unigrad.spec.Catalogue;
import io.github.unigrad.spec.Excerpt;
import io.github.unigrad.spec.Params;
import io.github.unigrad.spec.Range;
import io.github.unigrad.spec.Spec;
import io.github.unigrad.spec.SpecException;

import java.util.List;

/**
 * The schedule catalogue. In an optimiser spec a schedule is written where a learning rate goes:
 * {@code lr=0.01} (constant) or {@code lr=cosine(1e-3, steps=10000, warmup=500)}. Steps are 0-based.
 */
public final class Schedules {
    private static final Catalogue<Schedule> CATALOGUE = new Catalogue<Schedule>("schedule")
            .add("constant", "η_t = value",
                    p -> new Constant(p.positionalKeys("value").requiredReal("value", Range.NON_NEGATIVE)))
            .add("step", "η_t = lr · γ^⌊t/every⌋", p -> {
                p.positionalKeys("lr", "every", "gamma");
                return finite(new StepDecay(lr(p), steps(p, "every"), p.real("gamma", 0.1, Range.POSITIVE)));
            })
            .add("multistep", "η_t = lr · γ^(milestones passed)", p -> {
                p.positionalKeys("lr", "milestones", "gamma");
                return finite(new MultiStep(lr(p), milestones(p), p.real("gamma", 0.1, Range.POSITIVE)));
            })
            .add("exponential", "η_t = lr · γ^t", p -> {
                p.positionalKeys("lr", "gamma");
                return finite(new Exponential(lr(p), p.requiredReal("gamma", Range.POSITIVE)));
            })
            .add("inverse_time", "η_t = lr / (1 + decay·t)^power", p -> {
                p.positionalKeys("lr", "decay", "power");
                return finite(new InverseTime(lr(p), p.real("decay", 1, Range.NON_NEGATIVE),
                        p.real("power", 1, Range.NON_NEGATIVE)));
            })
            .add("polynomial", "η_t = (lr - end)(1 - min(t,steps)/steps)^power + end", p -> {
                p.positionalKeys("lr", "end", "steps", "power");
                double lr = lr(p);
                double end = p.real("end", 0, Range.NON_NEGATIVE);
                return finite(new Polynomial(lr, steps(p, "steps"), end, p.real("power", 1, Range.POSITIVE)));
            })
            .add("cosine", "linear warm-up, then cosine decay from lr to end", p -> {
                p.positionalKeys("lr", "steps", "warmup", "end");
                double lr = lr(p);
                long steps = steps(p, "steps");
                long warmup = p.wholeNumber("warmup", 0, 0);
                if (warmup >= steps) {
                    throw new SpecException("cosine: warmup = " + warmup + " must be less than steps = " + steps);
                }
                return finite(new Cosine(lr, steps, warmup, p.real("end", 0, Range.NON_NEGATIVE)), warmup - 1);
            })
            .add("cosine_restarts", "SGDR: cosine cycles of length period·mult^i", p -> {
                p.positionalKeys("lr", "period", "mult", "end");
                double lr = lr(p);
                long period = steps(p, "period");
                return finite(new CosineRestarts(lr, period, p.real("mult", 1, Range.atLeast(1)),
                        p.real("end", 0, Range.NON_NEGATIVE)));
            })
            .add("warmup", "η_t = lr · min(1, (t+1)/steps)", p -> {
                p.positionalKeys("lr", "steps");
                long steps = steps(p, "steps");
                return finite(new Warmup(lr(p), steps), steps - 1);
            })
            .add("one_cycle", "PyTorch OneCycleLR (cosine, two phases)", p -> {
                p.positionalKeys("lr", "steps");
                double lr = lr(p);
                long steps = steps(p, "steps");
                double pct = p.real("pctStart", 0.3, Range.UNIT_OPEN);
                if (pct * steps <= 1 || pct * steps >= steps) {
                    throw new SpecException("one_cycle: pctStart · steps = " + Spec.formatNumber(pct * steps)
                            + " must lie in (1, steps) so that both phases have at least one step");
                }
                return finite(new OneCycle(lr, steps, pct, p.real("divFactor", 25, Range.POSITIVE),
                        p.real("finalDivFactor", 1e4, Range.POSITIVE)), steps - 1);
            })
            .add("wsd", "warm-up, stable, linear cool-down", p -> {
                p.positionalKeys("lr", "steps");
                double lr = lr(p);
                long steps = steps(p, "steps");
                long warmup = p.wholeNumber("warmup", 0, 0);
                long cooldown = p.wholeNumber("cooldown", 0, 0);
                if (cooldown > steps || warmup > steps - cooldown) { // warmup + cooldown > steps, without overflow
                    throw new SpecException("wsd: warmup + cooldown = " + warmup + " + " + cooldown + " exceeds steps = " + steps);
                }
                return finite(new WarmupStableDecay(lr, steps, warmup, cooldown, p.real("end", 0, Range.NON_NEGATIVE)),
                        warmup - 1);
            });

    private Schedules() {
    }

    /**
     * Refuses a schedule that is not finite and ≥ 0 at step 0, at {@link Schedule#MAX_STEP} or at one of
     * {@code extremes} (the steps where its pieces end, e.g. a warm-up's last): every catalogue schedule is
     * monotone between those steps, so it is then finite at every step. The message names the first step
     * found where the value fails (by bisection: the first one for a monotone schedule).
     */
    private static Schedule finite(Schedule s, long... extremes) {
        long[] steps = new long[extremes.length + 2];
        steps[0] = 0;
        steps[1] = Schedule.MAX_STEP;
        System.arraycopy(extremes, 0, steps, 2, extremes.length);
        for (long t : steps) {
            if (t >= 0 && !valid(s.rate(t))) {
                long good = -1;
                long bad = t;
                while (bad - good > 1) {
                    long mid = good + (bad - good) / 2;
                    if (valid(s.rate(mid))) {
                        good = mid;
                    } else {
                        bad = mid;
                    }
                }
                throw new SpecException(s.spec().name() + ": the rate is " + Spec.formatNumber(s.rate(bad)) + " at step "
                        + bad + " in " + Excerpt.of(s.spec()) + "; it must be finite and ≥ 0 at every step up to "
                        + Schedule.MAX_STEP);
            }
        }
        return s;
    }

    private static boolean valid(double rate) {
        return rate >= 0 && rate <= Double.MAX_VALUE;
    }

    private static double lr(Params p) {
        return p.requiredReal("lr", Range.NON_NEGATIVE);
    }

    private static long steps(Params p, String key) {
        if (!p.has(key)) {
            throw new SpecException(p.name() + ": missing required '" + key + "' (a whole number ≥ 1) in " + Excerpt.of(p.spec()));
        }
        return p.wholeNumber(key, 1, 1);
    }

    private static long[] milestones(Params p) {
        double[] m = p.reals("milestones", null, Range.NON_NEGATIVE);
        if (m == null || m.length == 0) {
            throw new SpecException("multistep: missing required 'milestones' (a list of increasing step indices) in " + Excerpt.of(p.spec()));
        }
        long[] out = new long[m.length];
        for (int i = 0; i < m.length; i++) {
            // a double at or above 2^63 would saturate to Long.MAX_VALUE: two such milestones would become one
            if (m[i] != Math.rint(m[i]) || m[i] >= 0x1p63 || (i > 0 && m[i] <= m[i - 1])) {
                throw new SpecException("multistep: milestones must be strictly increasing whole numbers below 2^63"
                        + " (step indices), got "
                        + Excerpt.of(p.spec().named().getOrDefault("milestones", p.spec().positional())));
            }
            out[i] = (long) m[i];
        }
        return out;
    }

    public static Schedule parse(String spec) {
        return CATALOGUE.parse(spec);
    }

    public static Schedule build(Spec spec) {
        return CATALOGUE.build(spec);
    }

    public static List<String> names() {
        return CATALOGUE.names();
    }

    public static Catalogue<Schedule> catalogue() {
        return CATALOGUE;
    }

    /**
     * Prints a schedule the way it is written inside an optimiser spec: a constant as its bare number,
     * anything else as its spec.
     */
    public static Object inSpec(Schedule s) {
        return s instanceof Constant c ? (Object) c.value() : s.spec();
    }
}
