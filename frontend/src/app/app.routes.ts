import { Routes } from '@angular/router';

import { Login } from './auth/login';
import { Profile } from './auth/profile';
import { Register } from './auth/register';
import { authGuard } from './core/auth-guard';
import { MyData } from './data/my-data';
import { PublicData } from './data/public-data';

export const routes: Routes = [
  { path: '', component: PublicData, title: 'Public data' },
  { path: 'login', component: Login, title: 'Log in' },
  { path: 'register', component: Register, title: 'Register' },
  { path: 'my-data', component: MyData, canActivate: [authGuard], title: 'My data' },
  { path: 'profile', component: Profile, canActivate: [authGuard], title: 'Profile' },
  { path: '**', redirectTo: '' },
];
