// Nearest-rank percentiles as the compliance report defines them, checked on lists worked by hand.
import { nearestRankMedian, nearestRankPercentile } from '../../shared/report/percentile';

test('the P-th percentile is the value at rank ceil(P/100 × n) of the sorted values', () => {
  const values = [15, 20, 35, 40, 50]; // ranks 1..5
  expect(nearestRankPercentile(values, 30)).toBe(20); // ceil(1.5) = 2
  expect(nearestRankPercentile(values, 40)).toBe(20); // ceil(2) = 2
  expect(nearestRankPercentile(values, 50)).toBe(35); // ceil(2.5) = 3
  expect(nearestRankPercentile(values, 90)).toBe(50); // ceil(4.5) = 5
  expect(nearestRankPercentile(values, 100)).toBe(50);
  expect(nearestRankPercentile(values, 1)).toBe(15);
});

test('the input order does not matter and the list is not changed', () => {
  const values = [50, 15, 40, 20, 35];
  expect(nearestRankPercentile(values, 50)).toBe(35);
  expect(values).toEqual([50, 15, 40, 20, 35]);
});

test('the median of an even count is the lower of the two middle values', () => {
  expect(nearestRankMedian([4, 1, 3, 2])).toBe(2);
  expect(nearestRankMedian([7])).toBe(7);
});

test('whole-number ranks are exact where floating point would round up (0.9 × 30)', () => {
  const thirty = Array.from({ length: 30 }, (_, i) => i + 1);
  expect(nearestRankPercentile(thirty, 90)).toBe(27);
  const ten = Array.from({ length: 10 }, (_, i) => (i + 1) * 10);
  expect(nearestRankPercentile(ten, 90)).toBe(90);
});

test('no values give null; a percent outside (0, 100] is a programming error', () => {
  expect(nearestRankPercentile([], 90)).toBeNull();
  expect(nearestRankMedian([])).toBeNull();
  expect(() => nearestRankPercentile([1], 0)).toThrow(RangeError);
  expect(() => nearestRankPercentile([1], 101)).toThrow(RangeError);
});
