import { Link, sidebarConfig, useSidebarOpenState } from '@backstage/core-components';
import { makeStyles } from '@material-ui/core';

const useStyles = makeStyles({
  root: {
    height: 3 * sidebarConfig.logoHeight,
    display: 'flex',
    alignItems: 'center',
    paddingLeft: 22,
    marginBottom: -14,
  },
  mark: { width: 32, height: 32, flexShrink: 0 },
  title: { color: '#fff', fontWeight: 700, fontSize: 17, marginLeft: 10, lineHeight: 1.1 },
});

/** The portal's mark, and its name when the sidebar is open. */
export const SidebarLogo = () => {
  const classes = useStyles();
  const { isOpen } = useSidebarOpenState();
  return (
    <div className={classes.root}>
      <Link to="/" underline="none" aria-label="Home" style={{ display: 'flex', alignItems: 'center' }}>
        <svg className={classes.mark} viewBox="0 0 32 32" aria-hidden>
          <rect width="32" height="32" rx="6" fill="#1f3a5f" />
          <path
            d="M6 22h20M9 22V12l7-4 7 4v10M13 22v-5h6v5"
            fill="none"
            stroke="#7fd1ae"
            strokeWidth="2.2"
            strokeLinecap="round"
            strokeLinejoin="round"
          />
        </svg>
        {isOpen && <span className={classes.title}>Release coordination</span>}
      </Link>
    </div>
  );
};
