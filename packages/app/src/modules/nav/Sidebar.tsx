import {
  Sidebar,
  SidebarDivider,
  SidebarGroup,
  SidebarItem,
  SidebarScrollWrapper,
  SidebarSpace,
} from '@backstage/core-components';
import {
  NavContentBlueprint,
  NavContentNavItem,
  NavContentNavItems,
} from '@backstage/plugin-app-react';
import { NotificationsSidebarItem } from '@backstage/plugin-notifications';
import { UserSettingsSignInAvatar } from '@backstage/plugin-user-settings';
import MenuIcon from '@material-ui/icons/Menu';
import { createContext, useContext, useMemo } from 'react';
import { useLocation } from 'react-router-dom';
import { SidebarLogo } from './SidebarLogo';

/**
 * Sidebar labels for pages whose title does not fit the open sidebar; the page keeps its full
 * title everywhere else.
 */
const SIDEBAR_LABELS: Record<string, string> = {
  'page:release-coordination/dictionary': 'Dictionary',
};

/**
 * Whether `pathname` is in a page of its own nested under `href` (My approvals, Scorecards and
 * the dictionary are under Release trains' path): there, only the nested page's item is
 * highlighted, not `href`'s as well.
 */
export function isInNestedPage(href: string, pathname: string, hrefs: string[]): boolean {
  return hrefs.some(
    other =>
      other !== href &&
      other.startsWith(`${href}/`) &&
      (pathname === other || pathname.startsWith(`${other}/`)),
  );
}

/** The hrefs of all nav items, for an item to tell whether a page is nested under it. */
const NavHrefsContext = createContext<string[]>([]);

function NavItem(item: NavContentNavItem) {
  const { pathname } = useLocation();
  const hrefs = useContext(NavHrefsContext);
  return (
    <SidebarItem
      icon={() => item.icon}
      to={item.href}
      end={isInNestedPage(item.href, pathname, hrefs)}
      text={SIDEBAR_LABELS[item.node.spec.id] ?? item.title}
    />
  );
}

/** The pages at the top of the menu, in the order people use them. */
const MENU_PAGES = [
  'page:catalog',
  'page:api-docs',
  // Release coordination's pages together.
  'page:release-coordination',
  'page:release-coordination/approvals',
  'page:release-coordination/scorecards',
  'page:release-coordination/dictionary',
];

/**
 * The hrefs of all nav items. The collection is the same object across renders and remembers
 * what earlier renders took, so the items taken by id are asked for by id.
 */
function allHrefs(navItems: NavContentNavItems): string[] {
  const all = navItems.clone();
  const taken = MENU_PAGES.map(id => all.take(id)?.href);
  return [...taken, ...all.rest().map(item => item.href)].filter(
    (href): href is string => href !== undefined,
  );
}

export const SidebarContent = NavContentBlueprint.make({
  params: {
    component: function SidebarNav({ navItems }) {
      const hrefs = useMemo(() => allHrefs(navItems), [navItems]);
      const nav = navItems.withComponent(NavItem);
      // Shown in their own places below.
      nav.take('page:notifications');
      const settings = nav.take('page:user-settings');

      return (
        <NavHrefsContext.Provider value={hrefs}>
          <Sidebar>
            <SidebarLogo />
            <SidebarGroup label="Menu" icon={<MenuIcon />}>
              {MENU_PAGES.map(id => nav.take(id))}
              <SidebarDivider />
              <SidebarScrollWrapper>{nav.rest({ sortBy: 'title' })}</SidebarScrollWrapper>
            </SidebarGroup>
            <SidebarSpace />
            <SidebarDivider />
            <NotificationsSidebarItem />
            <SidebarDivider />
            <SidebarGroup label="Settings" icon={<UserSettingsSignInAvatar />} to="/settings">
              {settings}
            </SidebarGroup>
          </Sidebar>
        </NavHrefsContext.Provider>
      );
    },
  },
});
