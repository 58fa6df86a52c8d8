package io.clearing.core.engine.state;

import io.clearing.core.engine.api.AccountBalance;
import io.clearing.core.engine.api.ResultCode;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Demurrage is exact integer arithmetic: {@code floor(balance * basisPoints / 10,000)} per period on each positive
 * settlement balance, the fund exempt, savings never charged. Checked against BigInteger over ten years of monthly
 * periods with payments and savings moves in between, on balances up to 2^60.
 */
class DemurrageTest
{
    private static final BigInteger TEN_THOUSAND = BigInteger.valueOf(10_000);
    private static final int PARTICIPANTS = 40;
    private static final int FUND = 0;

    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[CommandCodec.MAX_COMMAND_BYTES]);

    @Test
    void shouldMatchBigIntegerForEveryBalanceAndRate()
    {
        final Random random = new Random(42);
        for (int i = 0; i < 200_000; i++)
        {
            final long balance = switch (i % 4)
            {
                case 0 -> random.nextLong() & Long.MAX_VALUE;
                case 1 -> random.nextInt(1_000_000);
                case 2 -> Long.MAX_VALUE - random.nextInt(10_000);
                default -> random.nextLong();
            };
            final int rate = i % 7 == 0 ? 10_000 : random.nextInt(10_001);
            final long expected = balance <= 0 ? 0 :
                BigInteger.valueOf(balance).multiply(BigInteger.valueOf(rate)).divide(TEN_THOUSAND).longValueExact();
            assertThat(Policies.demurrage(balance, rate)).as("balance " + balance + " rate " + rate).isEqualTo(expected);
        }
    }

    @Test
    void shouldChargeExactlyOverTenYearsOfMonthlyPeriods()
    {
        for (final int rate : new int[] {1, 83, 250, 9_999})
        {
            chargeForTenYears(rate, 1_000 + rate);
        }
    }

    private void chargeForTenYears(final int rate, final long seed)
    {
        final Random random = new Random(seed);
        final ClearingStateMachine machine = new ClearingStateMachine();
        for (int p = 0; p < PARTICIPANTS; p++)
        {
            apply(machine, new TestCommand.Register(1, "P" + p, "Firm " + p));
        }
        apply(machine, new TestCommand.DefineUnit(1, "TALER", true, rate, "P" + FUND));
        final BigInteger[] settlement = new BigInteger[PARTICIPANTS];
        final BigInteger[] savings = new BigInteger[PARTICIPANTS];
        final BigInteger[] charged = new BigInteger[PARTICIPANTS];
        for (int p = 0; p < PARTICIPANTS; p++)
        {
            settlement[p] = BigInteger.ZERO;
            savings[p] = BigInteger.ZERO;
            charged[p] = BigInteger.ZERO;
        }
        BigInteger chargedTotal = BigInteger.ZERO;
        int obligation = 0;
        long time = 2;
        for (int month = 1; month <= 120; month++)
        {
            for (int k = 0; k < 3; k++)
            {
                final int d = 1 + random.nextInt(PARTICIPANTS - 1);
                final int c = (d + 1 + random.nextInt(PARTICIPANTS - 2)) % PARTICIPANTS;
                final long amount = month == 1 && k == 0 ? 1L << 60 : 1 + (random.nextLong() & ((1L << 40) - 1));
                final String id = "O" + obligation++;
                apply(machine, new TestCommand.SubmitInUnit(time, id, "P" + d, "P" + c, amount, "TALER", 0));
                apply(machine, new TestCommand.Pay(time, "Y" + id, id, amount));
                settlement[d] = settlement[d].subtract(BigInteger.valueOf(amount));
                settlement[c] = settlement[c].add(BigInteger.valueOf(amount));
            }
            final int saver = 1 + random.nextInt(PARTICIPANTS - 1);
            if (settlement[saver].compareTo(BigInteger.ONE) > 0)
            {
                final BigInteger target = savings[saver].add(settlement[saver].shiftRight(1));
                apply(machine, new TestCommand.Savings(time, "P" + saver, "TALER", target.longValueExact()));
                settlement[saver] = settlement[saver].subtract(target.subtract(savings[saver]));
                savings[saver] = target;
            }
            BigInteger total = BigInteger.ZERO;
            for (int p = 0; p < PARTICIPANTS; p++)
            {
                if (p != FUND && settlement[p].signum() > 0)
                {
                    final BigInteger charge = settlement[p].multiply(BigInteger.valueOf(rate)).divide(TEN_THOUSAND);
                    settlement[p] = settlement[p].subtract(charge);
                    charged[p] = charged[p].add(charge);
                    total = total.add(charge);
                }
            }
            settlement[FUND] = settlement[FUND].add(total);
            chargedTotal = chargedTotal.add(total);

            assertThat(ResultCode.of(machine.apply(buffer, 0,
                new TestCommand.Demurrage(time, "TALER", month).encode(buffer)))).isEqualTo(ResultCode.ACCEPTED);
            assertThat(machine.lastResultValue()).as("rate " + rate + " month " + month).isEqualTo(total.longValueExact());
            time += 30L * 86_400_000L;
        }
        final List<AccountBalance> accounts = machine.accounts("TALER");
        BigInteger sum = BigInteger.ZERO;
        for (int p = 0; p < PARTICIPANTS; p++)
        {
            final AccountBalance account = accounts.get(p);
            assertThat(account.settlementMinor()).as("rate " + rate + " P" + p).isEqualTo(settlement[p].longValueExact());
            assertThat(account.savingsMinor()).isEqualTo(savings[p].longValueExact());
            assertThat(account.demurrageTotalMinor()).isEqualTo(charged[p].longValueExact());
            sum = sum.add(BigInteger.valueOf(account.settlementMinor())).add(BigInteger.valueOf(account.savingsMinor()));
        }
        assertThat(sum).as("payments and demurrage only move money between accounts").isEqualTo(BigInteger.ZERO);
        assertThat(machine.units().get(0).demurrageTotalMinor()).isEqualTo(chargedTotal.longValueExact());
        assertThat(machine.units().get(0).lastPeriodId()).isEqualTo(120);
    }

    private void apply(final ClearingStateMachine machine, final TestCommand command)
    {
        assertThat(ResultCode.of(machine.apply(buffer, 0, command.encode(buffer)))).as(command.toString())
            .isEqualTo(ResultCode.ACCEPTED);
    }
}
