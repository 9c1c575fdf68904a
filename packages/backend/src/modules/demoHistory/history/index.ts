import { DemoHistory, at } from '../definition';
import { train14 } from './train14';
import { train15 } from './train15';
import { train16 } from './train16';
import { train17 } from './train17';

/**
 * The history the demo portal starts with: four release trains of the demo organisation over
 * the last sixteen weeks, and the rollback rehearsals between them. Told as a story: cycle time
 * shrinks from train to train, the rolled-back train 15 is followed by trains with fewer
 * failed deployments, and more gates pass at the first attempt.
 *
 * Every train went through the default gates: earlier trains' action items closed before
 * planning was left, rollback plans and passed rehearsals before deployment, no expired flags;
 * where one did not hold, the ambassador waived it with a reason.
 *
 * Nothing stays active, and the action items still open belong to team-catalog and a
 * team-storefront component only, so that journeys tried on a fresh portal (e.g. a train with
 * checkout-api, payment-gateway and search-api) meet no earlier train's leftovers.
 */
export const DEMO_HISTORY: DemoHistory = {
  trains: [train14, train15, train16, train17],
  drills: [
    { component: 'checkout-api', result: 'passed', at: at(-107, '15:00') },
    { component: 'auth-service', result: 'passed', at: at(-101, '10:00') },
    { component: 'payment-gateway', result: 'passed', at: at(-100, '11:00') },
    { component: 'card-vault', result: 'failed', at: at(-98, '14:00') },
    { component: 'fraud-scorer', result: 'passed', at: at(-93, '11:00') },
    { component: 'checkout-web', result: 'passed', at: at(-92, '15:00') },
    { component: 'ledger-service', result: 'passed', at: at(-76, '11:00') },
    { component: 'currency-service', result: 'passed', at: at(-76, '14:00') },
    { component: 'pricing-service', result: 'passed', at: at(-75, '11:00') },
    { component: 'cart-service', result: 'passed', at: at(-74, '15:00') },
    { component: 'storefront-bff', result: 'passed', at: at(-72, '16:00') },
    { component: 'storefront-web', result: 'passed', at: at(-72, '17:00') },
    { component: 'card-vault', result: 'passed', at: at(-71, '10:00') },
    { component: 'search-api', result: 'passed', at: at(-44, '15:00') },
    { component: 'ledger-service', result: 'passed', at: at(-42, '10:00') },
    { component: 'catalog-service', result: 'passed', at: at(-42, '11:00') },
    { component: 'search-indexer', result: 'failed', at: at(-42, '16:00') },
    { component: 'search-indexer', result: 'passed', at: at(-27, '14:00') },
    { component: 'storefront-bff', result: 'passed', at: at(-13, '16:00') },
    { component: 'catalog-service', result: 'passed', at: at(-12, '10:00') },
    { component: 'reviews-service', result: 'passed', at: at(-12, '14:30') },
    { component: 'storefront-web', result: 'passed', at: at(-12, '15:00') },
    { component: 'config-service', result: 'passed', at: at(-12, '16:00') },
  ],
  rollbackProcedures: {
    'auth-service': {
      criteria:
        'Login error rate above 1% or token refresh failures above 0.5% for 5 minutes',
      procedureUrl:
        'https://runbooks.example.com/identity/auth-service#rollback',
    },
    'card-vault': {
      criteria:
        'Tokenize or detokenize errors above 0.1%, or p99 latency above 300 ms for 5 minutes',
      procedureUrl: 'https://runbooks.example.com/payments/card-vault#rollback',
    },
    'cart-service': {
      criteria:
        'Add-to-cart errors above 1% or cart totals differing from pricing-service',
      procedureUrl:
        'https://runbooks.example.com/checkout/cart-service#rollback',
    },
    'catalog-service': {
      criteria:
        'Product reads failing above 0.5% or p95 latency above 400 ms for 10 minutes',
      procedureUrl:
        'https://runbooks.example.com/catalog/catalog-service#rollback',
    },
    'checkout-api': {
      criteria:
        'Checkout error rate above 2% or p95 latency above 800 ms for 10 minutes',
      procedureUrl:
        'https://runbooks.example.com/checkout/checkout-api#rollback',
    },
    'checkout-web': {
      criteria:
        'Checkout conversion down 5% against the same hour last week, or JavaScript errors doubled',
      procedureUrl:
        'https://runbooks.example.com/checkout/checkout-web#rollback',
    },
    'config-service': {
      criteria:
        'Flag evaluations failing above 0.1% or served values differing from the source',
      procedureUrl:
        'https://runbooks.example.com/platform/config-service#rollback',
    },
    'currency-service': {
      criteria: 'Conversion errors above 0.1% or rates older than 15 minutes',
      procedureUrl:
        'https://runbooks.example.com/payments/currency-service#rollback',
    },
    'fraud-scorer': {
      criteria:
        'False-positive rate above 1% or scoring p99 above 150 ms for 10 minutes',
      procedureUrl: 'https://runbooks.example.com/fraud/fraud-scorer#rollback',
    },
    'ledger-service': {
      criteria:
        'Any booking that does not reconcile, or booking errors above 0.05%',
      procedureUrl:
        'https://runbooks.example.com/payments/ledger-service#rollback',
    },
    'payment-gateway': {
      criteria:
        'Authorisation rate down 2 points or charge errors above 0.5% for 5 minutes',
      procedureUrl:
        'https://runbooks.example.com/payments/payment-gateway#rollback',
    },
    'pricing-service': {
      criteria:
        'Price reads failing above 0.5% or price lists older than one hour',
      procedureUrl:
        'https://runbooks.example.com/catalog/pricing-service#rollback',
    },
    'reviews-service': {
      criteria:
        'Review reads failing above 1% or summaries missing on more than 5% of products',
      procedureUrl:
        'https://runbooks.example.com/storefront/reviews-service#rollback',
    },
    'search-api': {
      criteria:
        'Zero-result rate up 2 points or p95 latency above 300 ms for 10 minutes',
      procedureUrl: 'https://runbooks.example.com/search/search-api#rollback',
    },
    'search-indexer': {
      criteria:
        'Index lag above 10 minutes or the alias pointing at an incomplete index',
      procedureUrl:
        'https://runbooks.example.com/search/search-indexer#rollback',
    },
    'storefront-bff': {
      criteria:
        'Page API errors above 1% or p95 latency above 500 ms for 10 minutes',
      procedureUrl:
        'https://runbooks.example.com/storefront/storefront-bff#rollback',
    },
    'storefront-web': {
      criteria:
        'Largest contentful paint up 20% or JavaScript errors doubled for 10 minutes',
      procedureUrl:
        'https://runbooks.example.com/storefront/storefront-web#rollback',
    },
  },
};
