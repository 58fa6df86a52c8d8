package io.clearing.core.engine;

import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.LiteBlockingWaitStrategy;
import com.lmax.disruptor.PhasedBackoffWaitStrategy;
import com.lmax.disruptor.SleepingWaitStrategy;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.YieldingWaitStrategy;

import java.util.concurrent.TimeUnit;

/**
 * How the engine's two threads wait for work. On a machine with few cores prefer {@link #YIELDING} or
 * {@link #BLOCKING}: spinning threads starve each other and the producers.
 */
public enum WaitStrategyType
{
    /**
     * Spins briefly then yields the core: low latency, a core's worth of CPU while idle-polling.
     */
    YIELDING,
    /**
     * Lock and condition: least CPU when idle, some microseconds more latency.
     */
    BLOCKING,
    /**
     * Lock and condition, signalled only when a thread waits: cheaper than {@link #BLOCKING} under load.
     */
    LITE_BLOCKING,
    /**
     * Spin for 10 us, yield for 100 us, then wait on a lite lock: close to {@link #YIELDING} when busy, to
     * {@link #LITE_BLOCKING} when idle.
     */
    PHASED_BACKOFF,
    /**
     * Spin, yield, then park briefly: low CPU when idle, latency spikes after idle periods.
     */
    SLEEPING,
    /**
     * Pure spinning: lowest latency only with a dedicated core per engine thread.
     */
    BUSY_SPIN;

    WaitStrategy newStrategy()
    {
        switch (this)
        {
            case BLOCKING:
                return new BlockingWaitStrategy();
            case LITE_BLOCKING:
                return new LiteBlockingWaitStrategy();
            case PHASED_BACKOFF:
                return PhasedBackoffWaitStrategy.withLiteLock(10, 100, TimeUnit.MICROSECONDS);
            case SLEEPING:
                return new SleepingWaitStrategy();
            case BUSY_SPIN:
                return new BusySpinWaitStrategy();
            default:
                return new YieldingWaitStrategy();
        }
    }
}
