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
} from '@backstage/plugin-app-react';
import { NotificationsSidebarItem } from '@backstage/plugin-notifications';
import { UserSettingsSignInAvatar } from '@backstage/plugin-user-settings';
import MenuIcon from '@material-ui/icons/Menu';
import { SidebarLogo } from './SidebarLogo';

function NavItem(item: NavContentNavItem) {
  return (
    <SidebarItem icon={() => item.icon} to={item.href} text={item.title} />
  );
}

/** The pages at the top of the menu, in the order people use them. */
const MENU_PAGES = [
  'page:home',
  'page:catalog',
  'page:api-docs',
  // Release coordination: one item; trains, approvals, scorecards and the dictionary are the
  // tabs of its page.
  'page:release-coordination',
];

export const SidebarContent = NavContentBlueprint.make({
  params: {
    component: function SidebarNav({ navItems }) {
      const nav = navItems.withComponent(NavItem);
      // Shown in their own places below.
      nav.take('page:notifications');
      const settings = nav.take('page:user-settings');

      return (
        <Sidebar>
          <SidebarLogo />
          <SidebarGroup label="Menu" icon={<MenuIcon />}>
            {MENU_PAGES.map(id => nav.take(id))}
            <SidebarDivider />
            <SidebarScrollWrapper>
              {nav.rest({ sortBy: 'title' })}
            </SidebarScrollWrapper>
          </SidebarGroup>
          <SidebarSpace />
          <SidebarDivider />
          <NotificationsSidebarItem />
          <SidebarDivider />
          <SidebarGroup
            label="Settings"
            icon={<UserSettingsSignInAvatar />}
            to="/settings"
          >
            {settings}
          </SidebarGroup>
        </Sidebar>
      );
    },
  },
});
