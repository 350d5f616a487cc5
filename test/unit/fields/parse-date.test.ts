import { describe, expect, it } from 'vitest';
import { CellReject, DEFAULT_DATE_SETTINGS, type DateSettings } from '../../../src/fields/cell-reject.js';
import { isKnownTimeZone, parseDate } from '../../../src/fields/parse-date.js';
import { RejectCode } from '../../../src/model.js';

// 2024-05-02T09:12:45Z
const SECONDS = '1714641165';
const inZone = (timezone: string, dateOrder?: DateSettings['dateOrder']): DateSettings => ({ timezone, dateOrder });

/** The reject's code and sentence for `value` read as first_seen. */
function rejectOf(value: string, settings: DateSettings = DEFAULT_DATE_SETTINGS): { code: string; message: string } {
  const result = parseDate(value, settings);
  if (!(result instanceof CellReject)) throw new Error(`${value} was read as ${result}`);
  return { code: result.code, message: result.explain('first_seen', value) };
}

describe('parseDate: the accepted forms', () => {
  it.each([
    ['2024-05-02T09:12:45Z', SECONDS],
    ['2024-05-02t09:12:45z', SECONDS],
    ['2024-05-02T09:12:45.000Z', SECONDS],
    ['2024-05-02T09:12:45.999Z', SECONDS],
    ['2024-05-02T11:12:45.000+02:00', SECONDS],
    ['2024-05-02T11:12:45+0200', SECONDS],
    ['2024-05-02T04:12:45-05', SECONDS],
    ['2024-05-02T09:12:45', SECONDS],
    ['2024-05-02 09:12:45', SECONDS],
    ['2024-05-02 09:12', '1714641120'],
    ['2024-05-02T09:12', '1714641120'],
    ['2024-05-02', '1714608000'],
    [SECONDS, SECONDS],
    ['946684800', '946684800'],
    ['1714641165123', SECONDS],
    ['1714641165999', SECONDS],
  ])('reads %s as %s in UTC', (value, seconds) => {
    expect(parseDate(value, DEFAULT_DATE_SETTINGS)).toBe(seconds);
  });

  it('reads a date without a zone in --timezone, and leaves one with a zone as it says', () => {
    const berlin = inZone('Europe/Berlin');
    expect(parseDate('2024-05-02T11:12:45', berlin)).toBe(SECONDS);
    expect(parseDate('2024-05-02 11:12:45', berlin)).toBe(SECONDS);
    expect(parseDate('2024-05-02', berlin)).toBe('1714600800');
    expect(parseDate('2024-05-02T09:12:45Z', berlin)).toBe(SECONDS);
    expect(parseDate('2024-05-02T05:12:45-04:00', berlin)).toBe(SECONDS);
    expect(parseDate(SECONDS, berlin)).toBe(SECONDS);
    expect(parseDate('2024-05-02T05:12:45', inZone('America/New_York'))).toBe(SECONDS);
    expect(parseDate('2024-01-15T12:00:00', inZone('America/New_York'))).toBe(String(Date.UTC(2024, 0, 15, 17) / 1000));
  });

  it('moves a local time that the spring DST change skips forward by the gap', () => {
    // 2024-03-31 02:30 never happened in Berlin: clocks went from 02:00 to 03:00 (+01:00 → +02:00).
    const berlin = inZone('Europe/Berlin');
    expect(parseDate('2024-03-31T02:30:00', berlin)).toBe(String(Date.UTC(2024, 2, 31, 1, 30) / 1000));
    expect(parseDate('2024-03-31T03:30:00', berlin)).toBe(String(Date.UTC(2024, 2, 31, 1, 30) / 1000));
    expect(parseDate('2024-03-31T01:59:59', berlin)).toBe(String(Date.UTC(2024, 2, 31, 0, 59, 59) / 1000));
  });

  it('reads a local time that the autumn DST change repeats as the second one, in standard time', () => {
    // 2024-10-27 02:30 happened twice in Berlin: at 00:30Z (+02:00) and at 01:30Z (+01:00).
    expect(parseDate('2024-10-27T02:30:00', inZone('Europe/Berlin'))).toBe(String(Date.UTC(2024, 9, 27, 1, 30) / 1000));
    expect(parseDate('2024-10-27T02:30:00+02:00', inZone('Europe/Berlin'))).toBe(String(Date.UTC(2024, 9, 27, 0, 30) / 1000));
  });
});

describe('parseDate: slashed dates', () => {
  it('rejects every slashed date without --date-format as ambiguous, saying which flag to add', () => {
    for (const value of ['02/05/2024', '25/12/2024', '2.5.2024', '02/05/2024 09:12']) {
      const reject = rejectOf(value);
      expect(reject.code).toBe(RejectCode.ambiguousDate);
      expect(reject.message).toBe(
        `first_seen ${JSON.stringify(value)} could be day/month/year or month/day/year: ` +
          'add --date-format DMY (day first) or --date-format MDY (month first)',
      );
    }
  });

  it('reads day first with DMY and month first with MDY, in --timezone', () => {
    expect(parseDate('02/05/2024', inZone('UTC', 'DMY'))).toBe('1714608000');
    expect(parseDate('05/02/2024', inZone('UTC', 'MDY'))).toBe('1714608000');
    expect(parseDate('2.5.2024', inZone('UTC', 'DMY'))).toBe('1714608000');
    expect(parseDate('02/05/2024 09:12:45', inZone('UTC', 'DMY'))).toBe(SECONDS);
    expect(parseDate('5/2/2024 11:12', inZone('Europe/Berlin', 'MDY'))).toBe('1714641120');
  });

  it('rejects a slashed date that the chosen order makes impossible', () => {
    expect(rejectOf('25/12/2024', inZone('UTC', 'MDY'))).toEqual({
      code: RejectCode.invalidDate,
      message: 'first_seen "25/12/2024" is not a date of the calendar',
    });
    expect(parseDate('25/12/2024', inZone('UTC', 'DMY'))).toBe(String(Date.UTC(2024, 11, 25) / 1000));
    expect(rejectOf('02/05/2024 25:00', inZone('UTC', 'DMY')).code).toBe(RejectCode.invalidDate);
  });
});

describe('parseDate: what it refuses', () => {
  it.each([
    'yesterday',
    '2024',
    '20240502',
    '12345678',
    '17146411650',
    '2024-5-2',
    '02/05/24',
    '2024-05-02Z',
    'May 2, 2024',
    '-1714641165',
    '1714641165.5',
  ])('rejects %s as invalid_date, listing the forms it reads', (value) => {
    const reject = rejectOf(value, inZone('UTC', 'DMY'));
    expect(reject.code).toBe(RejectCode.invalidDate);
    expect(reject.message).toContain(`first_seen ${JSON.stringify(value)} is not a date hc-import reads: write 2024-05-02`);
  });

  it('rejects a day the calendar lacks', () => {
    for (const value of ['2024-02-30', '2023-02-29', '2024-13-01', '2024-05-02T24:30']) {
      expect(rejectOf(value).message).toBe(`first_seen ${JSON.stringify(value)} is not a date of the calendar`);
    }
    expect(parseDate('2024-02-29', DEFAULT_DATE_SETTINGS)).toBe(String(Date.UTC(2024, 1, 29) / 1000));
  });

  it('rejects a date before 1970, which UNIX seconds on HelpCrunch cannot hold', () => {
    expect(rejectOf('1969-12-31T23:59:59Z')).toEqual({
      code: RejectCode.invalidDate,
      message: 'first_seen "1969-12-31T23:59:59Z" is before 1970: HelpCrunch keeps dates as UNIX seconds',
    });
    expect(parseDate('1970-01-01T00:00:00Z', DEFAULT_DATE_SETTINGS)).toBe('0');
  });
});

describe('isKnownTimeZone', () => {
  it('knows IANA names and UTC, and nothing else', () => {
    for (const zone of ['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata']) expect(isKnownTimeZone(zone)).toBe(true);
    for (const zone of ['Mars/Olympus', 'Berlin', '+02:00', '']) expect(isKnownTimeZone(zone)).toBe(false);
  });
});

describe('parseDate: dates read lately are remembered per run', () => {
  it('never lets one run settings answer for another', () => {
    const value = '2024-05-02T11:12:45';
    const utc = inZone('UTC');
    const berlin = inZone('Europe/Berlin');
    expect(parseDate(value, utc)).toBe(String(Date.UTC(2024, 4, 2, 11, 12, 45) / 1000));
    expect(parseDate(value, berlin)).toBe(SECONDS);
    expect(parseDate(value, utc)).toBe(String(Date.UTC(2024, 4, 2, 11, 12, 45) / 1000));
    expect(parseDate('02/05/2024', inZone('UTC', 'DMY'))).toBe('1714608000');
    expect(parseDate('02/05/2024', inZone('UTC', 'MDY'))).toBe(String(Date.UTC(2024, 1, 5) / 1000));
    expect(parseDate('02/05/2024', utc)).toBeInstanceOf(CellReject);
  });

  it('answers alike past its bound', () => {
    const settings = inZone('Europe/Berlin');
    const day = (i: number): string => `2024-01-01T00:00:${String(i % 60).padStart(2, '0')}.${String(i).padStart(4, '0')}`;
    const first = Array.from({ length: 5000 }, (_, i) => parseDate(day(i), settings));
    const again = Array.from({ length: 5000 }, (_, i) => parseDate(day(i), settings));
    expect(again).toEqual(first);
    expect(first[61]).toBe(String(Date.UTC(2023, 11, 31, 23, 0, 1) / 1000));
  });
});
