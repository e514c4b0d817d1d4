/** The way between a workbook's assessment screens: the plan, interviews, joint review, risks and judgement. */
import { zh } from '../../../shared/messages/zh-CN';
import { Notice } from './layout';
import type { Route } from '../router';
import { href } from '../router';

const SCREENS = ['plan', 'interviews', 'review', 'risks', 'judgement'] as const;

export function AssessmentNav({ workbookId, current }: { workbookId: string; current?: (typeof SCREENS)[number] }) {
  const titles = { plan: zh.plan.title, interviews: zh.interviews.title, review: zh.review.title, risks: zh.risks.title, judgement: zh.judgement.title };
  return (
    <nav className="assessment-nav" aria-label={zh.ui.nav.assessment}>
      {SCREENS.map((name) => {
        const route: Route = { name, id: workbookId };
        return (
          <a key={name} className={`button${name === current ? ' primary' : ''}`} href={href(route)} aria-current={name === current ? 'page' : undefined} data-testid={`nav-${name}`}>
            {titles[name]}
          </a>
        );
      })}
    </nav>
  );
}

/** A screen that works from the plan, before there is one: the way to make it. */
export function NeedsPlan({ workbookId }: { workbookId: string }) {
  return (
    <>
      <Notice kind="warning">{zh.plan.noPlan}</Notice>
      <a className="button primary" href={href({ name: 'plan', id: workbookId })} autoFocus>
        {zh.plan.title}
      </a>
    </>
  );
}
