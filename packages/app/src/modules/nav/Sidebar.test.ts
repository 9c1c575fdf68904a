import { isInNestedPage } from './Sidebar';

describe('isInNestedPage', () => {
  const hrefs = [
    '/catalog',
    '/release-coordination',
    '/release-coordination/approvals',
    '/release-coordination/dictionary',
  ];

  it('leaves the outer item unmarked on a page nested under it', () => {
    expect(
      isInNestedPage('/release-coordination', '/release-coordination/dictionary', hrefs),
    ).toBe(true);
    expect(
      isInNestedPage('/release-coordination', '/release-coordination/approvals/extra', hrefs),
    ).toBe(true);
  });

  it('keeps it marked on its own pages and on those below it without an item', () => {
    expect(isInNestedPage('/release-coordination', '/release-coordination', hrefs)).toBe(false);
    expect(
      isInNestedPage('/release-coordination', '/release-coordination/trains/42', hrefs),
    ).toBe(false);
    // A page whose path only starts with the same letters is not nested.
    expect(
      isInNestedPage('/release-coordination', '/release-coordination-archive', hrefs),
    ).toBe(false);
    expect(
      isInNestedPage(
        '/release-coordination/dictionary',
        '/release-coordination/dictionary',
        hrefs,
      ),
    ).toBe(false);
  });
});
