import { Routes } from '@angular/router';

import { AccountPage } from './account/account-page';
import { AdminAudit } from './admin/admin-audit';
import { AdminConsole } from './admin/admin-console';
import { AdminThrottles } from './admin/admin-throttles';
import { AdminUsers } from './admin/admin-users';
import { Login } from './auth/login';
import { Register } from './auth/register';
import { adminGuard } from './core/admin-guard';
import { authGuard } from './core/auth-guard';
import { MyData } from './data/my-data';
import { PublicData } from './data/public-data';

export const routes: Routes = [
  { path: '', component: PublicData, title: 'Public data' },
  { path: 'login', component: Login, title: 'Log in' },
  { path: 'register', component: Register, title: 'Register' },
  { path: 'my-data', component: MyData, canActivate: [authGuard], title: 'My data' },
  { path: 'account', component: AccountPage, canActivate: [authGuard], title: 'Account' },
  { path: 'profile', redirectTo: 'account' },
  {
    path: 'admin',
    component: AdminConsole,
    canActivate: [adminGuard],
    children: [
      { path: '', redirectTo: 'users', pathMatch: 'full' },
      { path: 'users', component: AdminUsers, title: 'Users' },
      { path: 'throttles', component: AdminThrottles, title: 'Throttles' },
      { path: 'audit', component: AdminAudit, title: 'Audit log' },
    ],
  },
  { path: '**', redirectTo: '' },
];
